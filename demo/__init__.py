"""The demo network's content, seeded by `kampus dev` and `kampus demo seed`; every record is fictional.

- `demo.identity`: the demo organisations and logins in the portal's identity store;
- `demo.clients`: the first clients of the member organisations, then the story;
- `demo.cast`: who and what the story is about (people, partners, needs, environments);
- `demo.story`: the network's story, entered through the services' public APIs.
"""
