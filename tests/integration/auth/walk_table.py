"""Who may use which route over objects that Sataedu owns: the route walk's expectation table (issue 11).

One matrix per app: a row per route and method the app registers, a column per role:
  own    a service manager of Sataedu, which owns the client, partner, need, environments and suggestion
  mgr2   a service manager of WinNova, another member organisation (its own client was in the same team)
  ptr    a user of Konepaja Virtanen, the partner Sataedu recorded and took into its completed environment
  ptr2   a user of Nuorisoseura, a partner SAMK recorded
  stu    the student: the client of the objects, signed in with their own login
  stu2   another student of Sataedu, the client's team mate in the completed environment
  coord  the network coordinator;  admin  an administrator;  anon  nobody signed in
A cell is the status the role gets; P: the answer may show the client's personal data (name, e-mail, phone,
their own words in the survey, their referral's note), else it must not; T: it may show only what the team
knows of the client (the name in the team, the partner's assessment); =: it answers but stores nothing (a
page that refuses with a message). See tests/support/walk/table.py. A 4xx never stores anything; a write that succeeds
stores something. Pages (no /api/ in the path) are called as a browser with the token cookie and CSRF token,
APIs with a bearer token: an anonymous browser is sent to the login page (302), an anonymous API call gets 401.

The objects (tests/support/walk/scenario.py): the client with all consents, a need, a path (goal and step),
metrics, a competence profile, an outcome, a referral to SAMK and one from SAMK, a shared-client notice with
SAMK; Sataedu's partner (linked to Konepaja Virtanen's users) with a competence need, whose matching
suggestion Sataedu accepted so that the client's contact went to the partner; the completed environment
(`environment_id`) in which the client, the other student and a client of WinNova took part, with the
client's survey answer, the partner's assessment of the client, an outcome and a badge; an open environment
(`open_environment_id`) with a role nobody took (`role_id`) and a third client of Sataedu (`enrolled_id`);
matching's open suggestion of our client for it.
"""
from __future__ import annotations

import uuid
from datetime import timedelta

from shared import clock
from tests.support.walk.scenario import CAD, OWNER, PYTHON
from tests.support.walk.table import Request

SOON = (clock.today() + timedelta(days=30)).isoformat()
LATER = (clock.today() + timedelta(days=90)).isoformat()
AGO = (clock.today() - timedelta(days=3)).isoformat()

# URL parts the routes take, by name: a scenario id (by its key) or a literal value.
PARAMS = {
    "action": "cancel", "phase": "start", "extension": "csv", "subject": "participant_id",
    "report_id": "00000000-0000-4000-8000-000000000014",  # no frozen report has it
    "organisation": "sataedu",  # whose privacy notice
    "chapter": "manager", "name": "no-such-picture.png",  # the user guide's
    "need_id": "competence_need_id",  # the client's own needs take `need_id` by a route's own params
    "token": "no-such-calendar-token",  # nobody's calendar feed
}
APP_PARAMS = {
    "portal": {"filename": "no-such-file.css"},  # the portal has no static files of its own
    "intake": {"filename": "intake/clients.css", "key": "know_wanted_work", "kind": "clients",
               "batch_id": "00000000-0000-4000-8000-000000000017"},  # no staged import has it
    "matching": {"filename": "matching/matching.css"},
    "environments": {"filename": "environments/badge.svg"},
    "reporting": {"filename": "reporting/report.css", "key": "reach", "period": "2025",
                  "release_id": "00000000-0000-0000-0000-000000000001", "action": "review"},
}
CLIENT_NEED = {"need_id": "need_id"}
MINOR = {"client_id": "minor_id"}  # a 16-year-old client of Sataedu without a login, with a guardian
OPEN = {"environment_id": "open_environment_id"}
NEED_SUGGESTION = {"suggestion_id": "need_suggestion_id"}  # our client's accepted suggestion for the partner's need
ENROLLED = {"participant_id": "enrolled_id"}

# --- portal -------------------------------------------------------------------------------------------------
PORTAL = """
                                                                 own   mgr2  ptr   ptr2  stu   stu2  coord admin anon
# Forms posted empty: signing in and changing the password answer 422; POST /logout is walked last.
GET    /                                                         200   200   200   200   200   200   200   200   302
GET    /.well-known/jwks.json                                    200   200   200   200   200   200   200   200   200
# The accessibility statement (Act 306/2019) is for everyone.
GET    /accessibility                                            200   200   200   200   200   200   200   200   200
# The data sources and their licences (the credit the licences ask for) are for everyone.
GET    /sources                                                  200   200   200   200   200   200   200   200   200
GET    /account/password                                         200   200   200   200   200   200   200   200   302
POST   /account/password                                         422   422   422   422   422   422   422   422   302
GET    /account/totp                                             200   200   200   200   200   200   200   200   302
POST   /account/totp                                             422   422   422   422   422   422   422   422   302
GET    /admin/users                                              403   403   403   403   403   403   403   200   302
POST   /admin/users/active                                       403   403   403   403   403   403   403   422   302
POST   /admin/users/code                                         403   403   403   403   403   403   403   422   302
POST   /admin/users/totp-reset                                   403   403   403   403   403   403   403   422   302
# A new user account: only the administrator (of the network: any organisation, as `kampus users create`).
GET    /admin/users/new                                          403   403   403   403   403   403   403   200   302
POST   /admin/users/new                                          403   403   403   403   403   403   403   422   302
GET    /api/docs                                                 200   200   200   200   200   200   200   200   200
GET    /api/openapi.json                                         200   200   200   200   200   200   200   200   200
# Student logins: only the client's own organisation's managers (another's client is unknown to them). The
# scenario's client has a login in use: no second invitation and no new code (409), but it can be disabled.
POST   /api/v1/student-accounts                                  409   404   403   403   403   403   403   403   401
GET    /api/v1/student-accounts/<client_id>                      200   200   403   403   403   403   403   403   401
POST   /api/v1/student-accounts/<client_id>/disable              200   404   403   403   403   403   403   403   401
POST   /api/v1/student-accounts/<client_id>/erasure              200   404   403   403   403   403   403   403   401
POST   /api/v1/student-accounts/<client_id>/resend               409   404   403   403   403   403   403   403   401
# A student links the login of their organisation's issuer with an invitation's code: the walk's students sign in
# with the portal's own login, which has nothing to link (409); nobody else links a student's login.
POST   /api/v1/student-accounts/link                             403   403   403   403   409   409   403   403   401
# The network export asks what the portal holds about a client: its own manager gets the student login (name and
# e-mail), another organisation's manager the empty answer a stranger gets.
GET    /api/v1/subjects/<client_id>                              200P  200   403   403   403   403   403   403   401
POST   /auth/introspect                                          422   422   422   422   422   422   422   422   422
POST   /auth/token                                               422   422   422   422   422   422   422   422   422
GET    /healthz                                                  200   200   200   200   200   200   200   200   200
POST   /language                                                 303   303   303   303   303   303   303   303   303
GET    /login                                                    200   200   200   200   200   200   200   200   200
POST   /login                                                    422   422   422   422   422   422   422   422   422
# The login's second step without a first: back to the login page.
GET    /login/code                                               303   303   303   303   303   303   303   303   303
POST   /login/code                                               303=  303=  303=  303=  303=  303=  303=  303=  303=
GET    /login/enrol                                              303   303   303   303   303   303   303   303   303
POST   /login/enrol                                              303=  303=  303=  303=  303=  303=  303=  303=  303=
GET    /logout                                                   200   200   200   200   200   200   200   200   200
POST   /logout                                                   302   302   302   302   302   302   302   302   302
GET    /metrics                                                  200   200   200   200   200   200   200   200   200
# The privacy notices are for everyone, signed in or not.
# Notifications are one's own: another user's is not found (404), the stream and the count answer everyone
# signed in. Opening one's notification marks it read and goes where its thing is done; marking all read stores
# something for those with unread ones (the students were told of their enrolment).
GET    /notifications                                            200   200   200   200   200   200   200   200   302
POST   /notifications/<notification_id>                          303   404   404   404   404   404   404   404   302
GET    /notifications/preferences                                200   200   200   200   200   200   200   200   302
POST   /notifications/preferences                                422   422   422   422   422   422   422   422   302
POST   /notifications/read                                       303   303=  303=  303=  303   303   303=  303=  302
GET    /notifications/stream                                     200   200   200   200   200   200   200   200   302
GET    /notifications/unread                                     200   200   200   200   200   200   200   200   302
# The user guide is for everyone; its pictures are the journey tests' (none in the walk's network).
GET    /guide                                                    200   200   200   200   200   200   200   200   200
GET    /guide/<chapter>                                          200   200   200   200   200   200   200   200   200
GET    /guide/img/<name>                                         404   404   404   404   404   404   404   404   404
GET    /privacy                                                  200   200   200   200   200   200   200   200   200
GET    /privacy/<organisation>                                   200   200   200   200   200   200   200   200   200
GET    /privacy/<organisation>/young                             200   200   200   200   200   200   200   200   200
GET    /readyz                                                   200   200   200   200   200   200   200   200   200
GET    /static/<filename>                                        404   404   404   404   404   404   404   404   404
GET    /static/kampus/<filename>                                 200   200   200   200   200   200   200   200   200
# An invited student's welcome page, open to everyone; posted empty it asks for the code.
GET    /welcome                                                  200   200   200   200   200   200   200   200   200
POST   /welcome                                                  422   422   422   422   422   422   422   422   422
"""

# --- intake -------------------------------------------------------------------------------------------------
INTAKE = """
                                                                 own   mgr2  ptr   ptr2  stu   stu2  coord admin anon
# 303=: the page comes back with a message and nothing changes (a referral not theirs, another
# organisation's reference). A partner's user names only their own partner: 422 on partner_id.
GET    /api/docs                                                 200   200   200   200   200   200   200   200   200
GET    /api/openapi.json                                         200   200   200   200   200   200   200   200   200
GET    /api/v1/clients                                           200P  200   403   403   403   403   403   403   401
POST   /api/v1/clients                                           201   201   403   403   403   403   403   403   401
POST   /api/v1/clients/search                                    200P  200   403   403   403   403   403   403   401
POST   /api/v1/client-names                                      200P  200   403   403   403   403   403   403   401
GET    /api/v1/clients/me                                        403   403   403   403   200P  200   403   403   401
GET    /api/v1/clients/<client_id>                               200P  404   403   403   200P  404   403   403   401
PATCH  /api/v1/clients/<client_id>                               200P  404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/audit                         200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/close                         200P  404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/consents                      200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/consents                      201P  404   403   403   201P  404   403   403   401
GET    /api/v1/clients/<client_id>/disclosures                   200   404   403   403   200   404   403   403   401
POST   /api/v1/clients/<client_id>/disclosures/<request_id>      403   403   403   403   200   404   403   403   401
GET    /api/v1/clients/<client_id>/export                        200P  404   403   403   200P  404   403   403   401
GET    /api/v1/clients/<client_id>/guardian-objection            200   404   403   403   403   403   403   403   401
PUT    /api/v1/clients/<client_id>/guardian-objection            200   404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/guardian-requests             200   404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/guardian-requests             201   404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/guardian-requests/<request_id>  200   404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/guardians                     200   404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/guardians                     201   404   403   403   403   403   403   403   401
DELETE /api/v1/clients/<client_id>/guardians/<guardian_id>       409   404   403   403   403   403   403   403   401
PATCH  /api/v1/clients/<client_id>/guardians/<guardian_id>       200   404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/metrics                       200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/metrics                       201P  404   403   403   201P  404   403   403   401
GET    /api/v1/clients/<client_id>/needs                         200P  404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/needs                         201P  404   403   403   403   403   403   403   401
DELETE /api/v1/clients/<client_id>/needs/<need_id>               204P  404   403   403   403   403   403   403   401
PATCH  /api/v1/clients/<client_id>/needs/<need_id>               200P  404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/notes                         200P  404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/notes                         201P  404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/outcomes                      200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/outcomes                      201P  404   403   403   403   403   403   403   401
GET    /api/v1/clients/<client_id>/path                          200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/path/goals                    201P  404   403   403   403   403   403   403   401
PATCH  /api/v1/clients/<client_id>/path/goals/<goal_id>          200P  404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/path/learning-gaps            201P  404   403   403   403   403   403   403   401
POST   /api/v1/clients/<client_id>/path/steps                    201P  404   403   403   403   403   403   403   401
PATCH  /api/v1/clients/<client_id>/path/steps/<step_id>          200P  404   403   403   200P  404   403   403   401
GET    /api/v1/clients/<client_id>/path/steps/<step_id>/history  200P  404   403   403   200P  404   403   403   401
GET    /api/v1/clients/<client_id>/profile                       200P  404   403   403   200P  404   403   403   401
PUT    /api/v1/clients/<client_id>/profile                       200P  404   403   403   200P  404   403   403   401
POST   /api/v1/clients/<client_id>/profile/skills                201P  404   403   403   201P  404   403   403   401
DELETE /api/v1/clients/<client_id>/profile/skills/<entry_id>     204P  404   403   403   204P  404   403   403   401
PATCH  /api/v1/clients/<client_id>/profile/skills/<entry_id>     200P  404   403   403   200P  404   403   403   401
GET    /api/v1/competence-needs                                  200   200   200   200   403   403   403   403   401
POST   /api/v1/competence-needs                                  201   403   201   422   403   403   403   403   401
GET    /api/v1/competence-needs/<need_id>                        200   200   200   404   403   403   403   403   401
PATCH  /api/v1/competence-needs/<need_id>                        200   403   200   404   403   403   403   403   401
PUT    /api/v1/competence-needs/<need_id>                        200   403   200   404   403   403   403   403   401
# A conversation about the referral is between its parties only: Sataedu's manager and the client (and SAMK's
# manager); every other manager, partner or student finds nothing, other roles are refused.
GET    /api/v1/conversations/<kind>/<subject_id>/messages        200   404   404   404   200   404   403   403   401
POST   /api/v1/conversations/<kind>/<subject_id>/messages        201   404   404   404   201   404   403   403   401
GET    /api/v1/metrics/scales                                    200   200   403   403   200   200   200   200   401
POST   /api/v1/metrics/scales                                    403   403   403   403   403   403   201   201   401
PATCH  /api/v1/metrics/scales/<key>                              403   403   403   403   403   403   200   200   401
GET    /api/v1/me/rights-requests                                403   403   403   403   200   200   403   403   401
POST   /api/v1/me/rights-requests                                403   403   403   403   201   201   403   403   401
GET    /api/v1/overlap/notices                                   200   200   403   403   403   403   403   403   401
GET    /api/v1/overlap/notices/<notice_id>                       200   404   403   403   403   403   403   403   401
POST   /api/v1/overlap/notices/<notice_id>/resolve               200   404   403   403   403   403   403   403   401
GET    /api/v1/partners                                          200   200   403   403   403   403   403   200   401
POST   /api/v1/partners                                          201   201   403   403   403   403   403   403   401
GET    /api/v1/partners/<partner_id>                             200   200   200   404   403   403   403   200   401
PUT    /api/v1/partners/<partner_id>                             200   403   403   403   403   403   403   403   401
PUT    /api/v1/partners/<partner_id>/contacts                    200   403   200   404   403   403   403   403   401
POST   /api/v1/partners/<partner_id>/cooperation                 201   403   403   403   403   403   403   403   401
GET    /api/v1/partners/<partner_id>/organisation                403   403   403   403   403   403   403   200   401
PUT    /api/v1/partners/<partner_id>/organisation                403   403   403   403   403   403   403   200   401
GET    /api/v1/referrals                                         200P  200   403   403   403   403   403   403   401
POST   /api/v1/referrals                                         201P  404   403   403   403   403   403   403   401
GET    /api/v1/referrals/<referral_id>                           200P  404   403   403   403   403   403   403   401
POST   /api/v1/referrals/<referral_id>/<action>                  200P  404   403   403   403   403   403   403   401
GET    /api/v1/services                                          200   200   403   403   403   403   403   403   401
POST   /api/v1/services                                          201   201   403   403   403   403   403   403   401
DELETE /api/v1/services/<service_id>                             200   404   403   403   403   403   403   403   401
GET    /api/v1/services/<service_id>                             200   200   403   403   403   403   403   403   401
PUT    /api/v1/services/<service_id>                             200   404   403   403   403   403   403   403   401
# Only the coordinator hides a catalogue entry (or shows it again).
POST   /api/v1/services/<service_id>/visibility                  403   403   403   403   403   403   200   403   401
GET    /api/v1/skills/search                                     200   200   200   200   200   200   403   403   401
POST   /api/v1/skills/suggestions                                200   200   200   200   200   200   403   403   401
GET    /calendar/<token>.ics                                     404   404   404   404   404   404   404   404   404
GET    /clients/<client_id>/notes                                200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/notes                                303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/path/steps/<step_id>/meeting         303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/path/steps/<step_id>/meeting.ics     200P  404   403   403   403   403   403   403   302
GET    /desk                                                     200P  200   403   403   403   403   403   403   302
GET    /meetings                                                 200P  200   403   403   403   403   403   403   302
POST   /meetings/feed                                            200P  200   403   403   403   403   403   403   302
POST   /meetings/feed/revoke                                     303=  303=  403   403   403   403   403   403   302
GET    /me/meetings/<step_id>.ics                                403   403   403   403   200P  404   403   403   302
GET    /clients                                                  200P  200   403   403   403   403   403   403   302
POST   /clients                                                  200P  200   403   403   403   403   403   403   302
GET    /clients/attention                                        200P  200   403   403   403   403   403   403   302
GET    /clients/new                                              200   200   403   403   403   403   403   403   302
POST   /clients/new                                              303   303   403   403   403   403   403   403   302
GET    /clients/<client_id>                                      200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/close                                303P  404   403   403   403   403   403   403   302
# Imports: managers only; a batch nobody staged is not found (the batch's owner is tested in test_intake_imports).
GET    /imports                                                  200   200   403   403   403   403   403   403   302
POST   /imports                                                  422   422   403   403   403   403   403   403   302
GET    /imports/<batch_id>                                       404   404   403   403   403   403   403   403   302
POST   /imports/<batch_id>                                       404   404   403   403   403   403   403   403   302
GET    /imports/template/<kind>.<extension>                      200   200   403   403   403   403   403   403   302
# The student login: the client's is in use, so no invitation or new code (the card says why); it can be disabled.
POST   /clients/<client_id>/account/invite                       303=  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/account/resend                       303=  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/account/disable                      303   404   403   403   403   403   403   403   302
POST   /clients/<client_id>/consents                             303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/edit                                 200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/edit                                 303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/export                               200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/guardian-objection                   303   404   403   403   403   403   403   403   302
POST   /clients/<client_id>/guardian-requests                    303   404   403   403   403   403   403   403   302
POST   /clients/<client_id>/guardian-requests/<request_id>       303   404   403   403   403   403   403   403   302
GET    /clients/<client_id>/guardians                            200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/guardians                            303   404   403   403   403   403   403   403   302
GET    /clients/<client_id>/metrics                              200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/metrics                              303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/needs                                200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/needs                                303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/needs/<need_id>                      303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/needs/<need_id>/removal              303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/outcomes/new                         200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/outcomes/new                         303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/path                                 200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/path/goals                           303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/path/goals/<goal_id>                 303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/path/steps                           303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/path/steps/<step_id>                 200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/path/steps/<step_id>                 303P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/profile                              200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/profile                              303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/profile/skills                       303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/profile/skills/<entry_id>            303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/profile/skills/<entry_id>/removal    303P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/referrals/accept                     303P  303=  403   403   403   403   403   403   302
GET    /clients/<client_id>/referrals/new                        200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/referrals/new                        303P  404   403   403   403   403   403   403   302
GET    /competence-needs/<need_id>/edit                          200   403   200   404   403   403   403   403   302
POST   /competence-needs/<need_id>/edit                          303   403   303   404   403   403   403   403   302
GET    /conversations/<kind>/<subject_id>                        200   404   404   404   200   404   403   403   302
POST   /conversations/<kind>/<subject_id>                        303   404   404   404   303   404   403   403   302
GET    /healthz                                                  200   200   200   200   200   200   200   200   200
POST   /language                                                 303   303   303   303   303   303   303   303   303
GET    /me                                                       403   403   403   403   200P  200   403   403   302
POST   /me/consents                                              403   403   403   403   303P  303   403   403   302
POST   /me/consents/renew                                        403   403   403   403   303   303   403   403   302
POST   /me/disclosures/<request_id>                              403   403   403   403   303   404   403   403   302
GET    /me/rights                                                403   403   403   403   200   200   403   403   302
POST   /me/rights                                                403   403   403   403   303   303   403   403   302
GET    /me/export                                                403   403   403   403   200P  200   403   403   302
POST   /me/guardian-objection                                    403   403   403   403   303   303   403   403   302
GET    /me/metrics                                               403   403   403   403   200P  200   403   403   302
POST   /me/metrics                                               403   403   403   403   303P  303   403   403   302
GET    /me/path                                                  403   403   403   403   200P  200   403   403   302
POST   /me/path/steps/<step_id>/done                             403   403   403   403   303P  404   403   403   302
GET    /me/profile                                               403   403   403   403   200P  200   403   403   302
POST   /me/profile                                               403   403   403   403   303P  303   403   403   302
POST   /me/profile/skills                                        403   403   403   403   303P  303   403   403   302
POST   /me/profile/skills/<entry_id>                             403   403   403   403   303P  404   403   403   302
POST   /me/profile/skills/<entry_id>/removal                     403   403   403   403   303P  404   403   403   302
GET    /metrics                                                  200   200   200   200   200   200   200   200   200
GET    /metrics/scales                                           403   403   403   403   403   403   200   200   302
POST   /metrics/scales                                           403   403   403   403   403   403   303   303   302
POST   /metrics/scales/<key>/<action>                            403   403   403   403   403   403   303   303   302
GET    /my/needs                                                 403   403   200P  200   403   403   403   403   302
GET    /my/needs/new                                             403   403   200   200   403   403   403   403   302
POST   /my/needs/new                                             403   403   303   303   403   403   403   403   302
GET    /my/partner                                               403   403   200   200   403   403   403   403   302
POST   /my/partner                                               403   403   303   303   403   403   403   403   302
GET    /overlap                                                  200P  200   403   403   403   403   403   403   302
POST   /overlap/<notice_id>                                      303   404   403   403   403   403   403   403   302
GET    /partners                                                 200   200   403   403   403   403   403   200   302
GET    /partners/new                                             200   200   403   403   403   403   403   403   302
POST   /partners/new                                             303   303   403   403   403   403   403   403   302
GET    /partners/<partner_id>                                    200P  200   403   403   403   403   403   200   302
GET    /partners/<partner_id>/cooperation/new                    200   403   403   403   403   403   403   403   302
POST   /partners/<partner_id>/cooperation/new                    303   403   403   403   403   403   403   403   302
GET    /partners/<partner_id>/edit                               200   403   403   403   403   403   403   403   302
POST   /partners/<partner_id>/edit                               303   403   403   403   403   403   403   403   302
GET    /partners/<partner_id>/link                               403   403   403   403   403   403   403   200   302
POST   /partners/<partner_id>/link                               403   403   403   403   403   403   403   303   302
GET    /partners/<partner_id>/needs/new                          200   403   403   403   403   403   403   403   302
POST   /partners/<partner_id>/needs/new                          303   403   403   403   403   403   403   403   302
GET    /path/occupation-options                                  200   200   403   403   403   403   403   403   302
GET    /profile/skill-options                                    200   200   403   403   200   200   403   403   302
GET    /readyz                                                   200   200   200   200   200   200   200   200   200
GET    /referrals                                                200P  200   403   403   403   403   403   403   302
POST   /referrals/<referral_id>/<action>                         303   303=  403   403   403   403   403   403   302
GET    /services                                                 200   200   403   403   403   403   403   403   302
GET    /services/new                                             200   200   403   403   403   403   403   403   302
POST   /services/new                                             303   303   403   403   403   403   403   403   302
GET    /services/<service_id>/edit                               200   404   403   403   403   403   403   403   302
POST   /services/<service_id>/edit                               303   404   403   403   403   403   403   403   302
GET    /services/review                                          403   403   403   403   403   403   200   403   302
POST   /services/<service_id>/visibility                         403   403   403   403   403   403   303   403   302
GET    /static/<filename>                                        200   200   200   200   200   200   200   200   200
GET    /static/kampus/<filename>                                 200   200   200   200   200   200   200   200   200
GET    /api/v1/clients/<client_id>/network-export                200P  404   403   403   403   403   403   403   401
GET    /api/v1/rights-requests                                   200P  200   403   403   403   403   403   403   401
POST   /api/v1/rights-requests                                   201P  404   403   403   403   403   403   403   401
GET    /api/v1/rights-requests/<request_id>                      200P  404   403   403   403   403   403   403   401
POST   /api/v1/rights-requests/<request_id>/answer               200P  404   403   403   403   403   403   403   401
GET    /api/v1/rights-requests/<request_id>/erasure-decision     200   404   403   403   403   403   403   403   401
POST   /api/v1/rights-requests/<request_id>/erasure-decision     200   404   403   403   403   403   403   403   401
POST   /api/v1/rights-requests/<request_id>/extension            200P  404   403   403   403   403   403   403   401
POST   /api/v1/rights-requests/<request_id>/restriction          200   404   403   403   403   403   403   403   401
GET    /clients/<client_id>/network-export                       200P  404   403   403   403   403   403   403   302
GET    /clients/<client_id>/rights/new                           200P  404   403   403   403   403   403   403   302
POST   /clients/<client_id>/rights/new                           303P  404   403   403   403   403   403   403   302
GET    /rights                                                   200P  200   403   403   403   403   403   403   302
GET    /rights/<request_id>                                      200P  404   403   403   403   403   403   403   302
POST   /rights/<request_id>/answer                               303P  404   403   403   403   403   403   403   302
POST   /rights/<request_id>/erasure                              303P  303=  403   403   403   403   403   403   302
POST   /rights/<request_id>/extend                               303P  404   403   403   403   403   403   403   302
POST   /rights/<request_id>/restriction                          303P  404   403   403   403   403   403   403   302
POST   /rights/<request_id>/restrictions/<restriction_id>/lift   303P  303=  403   403   403   403   403   403   302
"""

# --- matching -----------------------------------------------------------------------------------------------
MATCHING = """
                                                                 own   mgr2  ptr   ptr2  stu   stu2  coord admin anon
# 200= and 303=: another manager has no digest to stop.
GET    /                                                         302   302   302   302   302   302   302   403   302
GET    /api/docs                                                 200   200   200   200   200   200   200   200   200
GET    /api/openapi.json                                         200   200   200   200   200   200   200   200   200
GET    /api/v1/my/opportunities                                  403   403   403   403   200   200   403   403   401
GET    /api/v1/my/suggestions                                    403   403   403   403   200   200   403   403   401
POST   /api/v1/my/suggestions/<suggestion_id>/answer             403   403   403   403   200   404   403   403   401
POST   /api/v1/my/interests                                      403   403   403   403   202   202   403   403   401
GET    /api/v1/partner/needs/<need_id>/candidates                403   403   200   404   403   403   403   403   401
POST   /api/v1/partner/candidates/<suggestion_id>/introduction   403   403   409   404   403   403   403   403   401
POST   /api/v1/partner/candidates/<suggestion_id>/feedback       403   403   201   404   403   403   403   403   401
GET    /api/v1/partner/reminders                                 403   403   200   200   403   403   403   403   401
GET    /my/opportunities                                         403   403   403   403   200   200   403   403   302
POST   /my/interests                                             403   403   403   403   303   303   403   403   302
GET    /my/suggestions                                           403   403   403   403   200   200   403   403   302
POST   /my/suggestions/<suggestion_id>                           403   403   403   403   303   404   403   403   302
GET    /partner/needs/<need_id>                                  403   403   200   404   403   403   403   403   302
POST   /partner/candidates/<suggestion_id>/introduction          403   403   303=  404   403   403   403   403   302
POST   /partner/candidates/<suggestion_id>/feedback              403   403   303   404   403   403   403   403   302
GET    /api/v1/digest                                            200   200   403   403   403   403   403   403   401
PUT    /api/v1/digest                                            200   200   403   403   403   403   403   403   401
DELETE /api/v1/digest                                            200   200=  403   403   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/candidates          200   200   403   403   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/team                200   200   403   403   403   403   403   403   401
GET    /api/v1/fairness                                          200   200   403   403   403   403   200   403   401
GET    /api/v1/needs/<need_id>/candidates                        200   200   403   403   403   403   403   403   401
GET    /api/v1/partner/needs                                     403   403   200   200   403   403   403   403   401
GET    /api/v1/suggestions                                       200   200   403   403   403   403   403   403   401
GET    /api/v1/suggestions/<suggestion_id>                       200   404   403   403   403   403   403   403   401
POST   /api/v1/suggestions/<suggestion_id>/decision              200   404   403   403   403   403   403   403   401
GET    /clients/<client_id>/suggestions                          200   200   403   403   403   403   403   403   302
GET    /digest                                                   200   200   403   403   403   403   403   403   302
POST   /digest                                                   303   303   403   403   403   403   403   403   302
POST   /digest/stop                                              303   303=  403   403   403   403   403   403   302
# P: the manager sees their own organisation's clients by name (asked from their intake, which audits it).
GET    /environments/<environment_id>                            200P  200   403   403   403   403   403   403   302
GET    /fairness                                                 200   200   403   403   403   403   200   403   302
GET    /healthz                                                  200   200   200   200   200   200   200   200   200
POST   /language                                                 303   303   303   303   303   303   303   303   303
GET    /metrics                                                  200   200   200   200   200   200   200   200   200
GET    /needs/<need_id>                                          200P  200   403   403   403   403   403   403   302
GET    /partner/needs                                            403   403   200   200   403   403   403   403   302
GET    /readyz                                                   200   200   200   200   200   200   200   200   200
GET    /static/<filename>                                        200   200   200   200   200   200   200   200   200
GET    /static/kampus/<filename>                                 200   200   200   200   200   200   200   200   200
GET    /suggestions                                              200P  200   403   403   403   403   403   403   302
GET    /suggestions/<suggestion_id>                              200P  404   403   403   403   403   403   403   302
POST   /suggestions/<suggestion_id>                              303   404   403   403   403   403   403   403   302
POST   /suggestions/<suggestion_id>/learning-gaps                303   404   403   403   403   403   403   403   302
GET    /api/v1/subjects/<client_id>                              200   200   403   403   403   403   403   403   401
"""

# --- environments -------------------------------------------------------------------------------------------
ENVIRONMENTS = """
                                                                 own   mgr2  ptr   ptr2  stu   stu2  coord admin anon
# 200P: the subjects API answers the client's own manager with all environments holds about them, their
# words and their team's included (the network-wide export the manager hands to the client, Art. 15).
# 409 and 422 for the allowed: the client completed already, answered the survey and got the badge.
# 422 for mgr2 enrolling: only their own organisation's clients (a client_id error). 303=: a page
# that refuses with a message and changes nothing.
GET    /                                                         200   200   200   200   303   303   200   403   302
GET    /api/docs                                                 200   200   200   200   200   200   200   200   200
GET    /api/openapi.json                                         200   200   200   200   200   200   200   200   200
GET    /api/v1/environments                                      200   200   200   200   200   200   200   403   401
POST   /api/v1/environments                                      201   201   403   403   403   403   403   403   401
POST   /api/v1/environments/language-check                       200   200   200   200   403   403   200   403   401
GET    /api/v1/environments/progress                             200   200   200   200   200   200   200   403   401
GET    /api/v1/environments/<environment_id>                     200T  200   200T  404   200T  200   200   403   401
PUT    /api/v1/environments/<environment_id>                     200T  403   403   403   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/assessments         200T  200   200T  404   200T  200   403   403   401
GET    /api/v1/environments/<environment_id>/assessments/summary 200T  200   200T  404   403   403   200   403   401
POST   /api/v1/environments/<environment_id>/assessments         403   403   201T  404   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/language-check      200T  200   200T  404   200T  200   200   403   401
GET    /api/v1/environments/<environment_id>/outcomes            200T  200   200T  404   403   403   200   403   401
POST   /api/v1/environments/<environment_id>/outcomes            201T  403   201T  404   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/participants        200T  200   200T  404   200T  200   200   403   401
POST   /api/v1/environments/<environment_id>/participants        201T  422   403   403   403   403   403   403   401
GET    /api/v1/environments/<environment_id>/reminders           200T  200   200T  404   403   403   200   403   401
GET    /api/v1/environments/<environment_id>/review              200T  200   200T  404   403   403   200   403   401
PUT    /api/v1/environments/<environment_id>/review              200T  403   403   403   403   403   403   403   401
POST   /api/v1/environments/<environment_id>/roles               201T  403   403   403   403   403   403   403   401
DELETE /api/v1/environments/<environment_id>/roles/<role_id>     200T  403   403   403   403   403   403   403   401
PUT    /api/v1/environments/<environment_id>/roles/<role_id>     200T  403   403   403   403   403   403   403   401
POST   /api/v1/environments/<environment_id>/transitions         200T  403   403   403   403   403   403   403   401
GET    /api/v1/participants/mine                                 403   403   403   403   200T  200   403   403   401
GET    /api/v1/participants/<participant_id>                     200T  200   200T  404   200T  404   200   403   401
POST   /api/v1/participants/<participant_id>/badge               403   403   403   403   409   404   403   403   401
POST   /api/v1/participants/<participant_id>/completion          409   403   403   403   403   403   403   403   401
PUT    /api/v1/participants/<participant_id>/goals               200T  403   403   403   200T  404   403   403   401
GET    /api/v1/participants/<participant_id>/survey              403   403   403   403   200P  404   403   403   401
POST   /api/v1/participants/<participant_id>/survey              403   403   403   403   409   404   403   403   401
POST   /api/v1/participants/<participant_id>/withdrawal          200T  403   403   403   403   403   403   403   401
GET    /api/v1/partners                                          200   200   403   403   403   403   403   403   401
GET    /api/v1/reminders                                         200   200   403   403   403   403   200   403   401
GET    /badges/issuer                                            200   200   200   200   200   200   200   200   200
GET    /badges/<assertion_id>/class                              200   200   200   200   200   200   200   200   200
GET    /badges/<assertion_id>                                    200   200   200   200   200   200   200   200   200
GET    /environments/new                                         200   200   403   403   403   403   403   403   302
POST   /environments/new                                         303   303   403   403   403   403   403   403   302
GET    /environments/<environment_id>                            200T  200   200T  404   200T  200   200   403   302
GET    /environments/<environment_id>/edit                       200T  403   403   403   403   403   403   403   302
POST   /environments/<environment_id>/edit                       303T  403   403   403   403   403   403   403   302
GET    /environments/<environment_id>/enrol                      200P  200   403   403   403   403   403   403   302
POST   /environments/<environment_id>/enrol                      303T  422   403   403   403   403   403   403   302
POST   /environments/<environment_id>/move                       303T  303=  403   403   403   403   403   403   302
GET    /environments/<environment_id>/outcomes/new               200T  403   200T  404   403   403   403   403   302
POST   /environments/<environment_id>/outcomes/new               303T  403   303T  404   403   403   403   403   302
GET    /environments/<environment_id>/review                     200T  200   200T  404   403   403   200   403   302
POST   /environments/<environment_id>/review                     303T  403   403   404   403   403   403   403   302
GET    /environments/<environment_id>/roles/new                  200T  403   403   403   403   403   403   403   302
POST   /environments/<environment_id>/roles/new                  303T  403   403   403   403   403   403   403   302
POST   /environments/<environment_id>/roles/<role_id>/delete     303T  303=  403   403   403   403   403   403   302
GET    /environments/<environment_id>/roles/<role_id>/edit       200T  403   403   403   403   403   403   403   302
POST   /environments/<environment_id>/roles/<role_id>/edit       303T  403   403   403   403   403   403   403   302
GET    /healthz                                                  200   200   200   200   200   200   200   200   200
POST   /language                                                 303   303   303   303   303   303   303   303   303
GET    /metrics                                                  200   200   200   200   200   200   200   200   200
GET    /my/assessments                                           403   403   200T  200   403   403   403   403   302
GET    /my/assessments/<environment_id>/<subject>                403   403   200T  404   403   403   403   403   302
POST   /my/assessments/<environment_id>/<subject>                403   403   303T  404   403   403   403   403   302
GET    /my/surveys                                               403   403   403   403   200T  200   403   403   302
GET    /my/surveys/<participant_id>                              403   403   403   403   200P  404   403   403   302
POST   /my/surveys/<participant_id>                              403   403   403   403   422P  404   403   403   302
GET    /my/surveys/<participant_id>/badge                        403   403   403   403   200T  404   403   403   302
POST   /my/surveys/<participant_id>/badge                        403   403   403   403   422   404   403   403   302
GET    /participants/<participant_id>                            200T  404   403   403   200T  404   403   403   302
POST   /participants/<participant_id>                            303T  404   403   403   303T  404   403   403   302
POST   /participants/<participant_id>/complete                   303T= 303=  403   403   403   403   403   403   302
GET    /participants/<participant_id>/withdraw                   200T  403   403   403   403   403   403   403   302
POST   /participants/<participant_id>/withdraw                   303T  403   403   403   403   403   403   403   302
GET    /readyz                                                   200   200   200   200   200   200   200   200   200
GET    /static/<filename>                                        200   200   200   200   200   200   200   200   200
GET    /static/kampus/<filename>                                 200   200   200   200   200   200   200   200   200
GET    /api/v1/subjects/<client_id>                              200P  200   403   403   403   403   403   403   401
"""

# --- reporting ----------------------------------------------------------------------------------------------
REPORTING = """
                                                                 own   mgr2  ptr   ptr2  stu   stu2  coord admin anon
# Every request asks for Sataedu's figures: another organisation's manager gets 403.
GET    /                                                         200   403   403   403   403   403   200   403   302
GET    /api/docs                                                 200   200   200   200   200   200   200   200   200
GET    /api/openapi.json                                         200   200   200   200   200   200   200   200   200
GET    /api/v1/indicators                                        200   403   403   403   403   403   200   403   401
GET    /api/v1/open-data                                         200   200   200   200   200   200   200   200   200
# Reports sent to the funder: the coordinator's alone (the walk's report id is none frozen).
GET    /frozen                                                   403   403   403   403   403   403   200   403   302
POST   /frozen                                                   403   403   403   403   403   403   303   403   302
GET    /frozen/<report_id>.json                                  403   403   403   403   403   403   404   403   302
GET    /frozen/<report_id>.pdf                                   403   403   403   403   403   403   404   403   302
# No release is published in the scenario.
GET    /api/v1/open-data/<period>                                404   404   404   404   404   404   404   404   404
GET    /healthz                                                  200   200   200   200   200   200   200   200   200
# What the figures mean: definitions only, no figures and no personal data; public.
GET    /indicators                                               200   200   200   200   200   200   200   200   200
POST   /language                                                 303   303   303   303   303   303   303   303   303
GET    /metrics                                                  200   200   200   200   200   200   200   200   200
GET    /network                                                  403   403   403   403   403   403   200   403   302
GET    /open-data                                                403   403   403   403   403   403   200   403   302
POST   /open-data                                                403   403   403   403   403   403   303   403   302
GET    /open-data/<release_id>                                   403   403   403   403   403   403   404   403   302
POST   /open-data/<release_id>/<action>                          403   403   403   403   403   403   303=  403   302
GET    /readyz                                                   200   200   200   200   200   200   200   200   200
GET    /report.pdf                                               200   403   403   403   403   403   200   403   302
GET    /static/<filename>                                        200   200   200   200   200   200   200   200   200
GET    /static/kampus/<filename>                                 200   200   200   200   200   200   200   200   200
GET    /tables/<key>.<extension>                                 200   403   403   403   403   403   200   403   302
GET    /workbook.xlsx                                            200   403   403   403   403   403   200   403   302
GET    /api/v1/subjects/<client_id>                              200   200   403   403   403   403   403   403   401
"""

# Our sub-objects reached through a parent of the actor's own (their own client, their own environment):
# (actor, app, route, URL parts, expected cell). The walk sends the route's request of REQUESTS.
CROSSED = [
    *[("mgr2", "intake", route, {"client_id": "mgr2_client_id", **CLIENT_NEED}, "404") for route in (
        "PATCH /api/v1/clients/<client_id>/needs/<need_id>", "DELETE /api/v1/clients/<client_id>/needs/<need_id>",
        "POST /clients/<client_id>/needs/<need_id>", "POST /clients/<client_id>/needs/<need_id>/removal")],
    *[(actor, "intake", route, {"client_id": f"{actor}_client_id"}, "404") for actor in ("mgr2", "stu2") for route in (
        "PATCH /api/v1/clients/<client_id>/path/steps/<step_id>",
        "GET /api/v1/clients/<client_id>/path/steps/<step_id>/history",
        "PATCH /api/v1/clients/<client_id>/profile/skills/<entry_id>",
        "DELETE /api/v1/clients/<client_id>/profile/skills/<entry_id>")],
    *[("mgr2", "intake", route, {"client_id": "mgr2_client_id"}, "404") for route in (
        "PATCH /api/v1/clients/<client_id>/path/goals/<goal_id>", "POST /clients/<client_id>/path/goals/<goal_id>",
        "GET /clients/<client_id>/path/steps/<step_id>", "POST /clients/<client_id>/path/steps/<step_id>",
        "POST /clients/<client_id>/profile/skills/<entry_id>",
        "POST /clients/<client_id>/profile/skills/<entry_id>/removal")],
    *[("mgr2", "environments", route, {"environment_id": "mgr2_environment_id"}, cell) for route, cell in (
        ("PUT /api/v1/environments/<environment_id>/roles/<role_id>", "404"),
        ("DELETE /api/v1/environments/<environment_id>/roles/<role_id>", "404"),
        ("GET /environments/<environment_id>/roles/<role_id>/edit", "404"),
        ("POST /environments/<environment_id>/roles/<role_id>/edit", "404"),
        ("POST /environments/<environment_id>/roles/<role_id>/delete", "303="))],
    ("ptr", "environments", "GET /my/assessments/<environment_id>/<subject>", {"subject": "enrolled_id"}, "404"),
]

TABLES = {"intake": INTAKE, "matching": MATCHING, "environments": ENVIRONMENTS, "reporting": REPORTING,
          "portal": PORTAL}


# --- what the walk sends ------------------------------------------------------------------------------------
def _person(first: str) -> dict:
    return {"first_name": first, "last_name": "Uusinen", "birth_date": "2006-02-03", "home_municipality": "214"}


def _client_form(first: str, last: str, birth: str) -> dict:
    blank = {k: "" for k in ("gender", "mother_tongue", "education_status", "field_of_education",
                             "employment_status", "education_level", "disadvantaged")}
    return {**blank, "first_name": first, "last_name": last, "birth_date": birth, "home_municipality": "214"}


def _need(**extra) -> dict:
    return {"title": "Ohjelmistokehittäjä (osa-aikainen)", "work_type": "part_time", "hours_per_week": 12,
            "skills": [{"uri": PYTHON, "essential": True, "level": 3}], **extra}


def _need_form() -> dict:
    return {"title": "Ohjelmistokehittäjä (osa-aikainen)", "work_type": "part_time", "hours_per_week": "12",
            "municipality": "214", "people": "1", "languages": "fi", "status": "open",
            "skills-0-skill": PYTHON, "skills-0-essential": "1", "skills-0-level": "3"}


def _partner(**extra) -> dict:
    return {"name": "Konepaja Virtanen Oy", "kind": "company", "business_id": "3187452-8", "municipality": "214",
            "organisation": "konepaja-virtanen",
            "contacts": [{"name": "Kaisa Kumppani", "role": "Tuotantopäällikkö", "email": "kaisa@example.fi"}],
            **extra}


def _partner_form(name: str, **extra) -> dict:
    return {"name": name, "kind": "company", "business_id": "", "municipality": "214", "industry": "",
            "organisation": "", "contacts-0-name": "Kaisa Kumppani", "contacts-0-email": "kaisa@example.fi",
            **extra}


def _environment(**extra) -> dict:
    return {"name": "Kanarian sovelluspaja", "description": "Opiskelijat rakentavat sovelluksen.",
            "fields_of_education": ["061", "071"], "municipality": "214", "starts_on": SOON, "ends_on": LATER,
            "capacity": 4, **extra}


def _environment_form(s) -> dict:
    return {"name": "Kanarian sovelluspaja", "description": "Opiskelijat rakentavat sovelluksen.",
            "fields_of_education": ["061", "071"], "partner_ids": [s["partner_id"]], "institutions": "samk",
            "municipality": "214", "service_area": "", "starts_on": SOON, "ends_on": LATER, "capacity": "4",
            "learning_goals": "Ohjelmointi."}


ROLE = {"title": "Testaaja", "seats": 3, "fields": ["061"], "skills": [{"uri": PYTHON, "level": 2}]}
ROLE_FORM = {"title": "Testaaja", "seats": "3", "fields": ["061"], "skills-0-skill": PYTHON, "skills-0-level": "2"}
REVIEW_ITEMS = ("neutral_language", "tasks_not_by_gender", "recruitment_reaches_everyone", "mixed_teams",
                "stereotypes_challenged", "practicalities_for_everyone", "safe_to_raise_concerns", "metrics_neutral")
SCORES = {"competence_matched_needs": 4, "working_life_skills": 4, "initiative": 3, "teamwork": 5, "would_recruit": 4}

THREAD = {"kind": "referral", "subject_id": "referral_id"}  # the conversation about the client's referral
SHARED = {"GET /static/kampus/<filename>": Request(params={"filename": "kampus.css"})}
REQUESTS = {
    "portal": {
        "POST /account/password": Request(form=lambda s: {}),
        "POST /admin/users/active": Request(form=lambda s: {}),
        "POST /account/totp": Request(form=lambda s: {}),
        "POST /notifications/preferences": Request(form=lambda s: {}),
        "POST /admin/users/totp-reset": Request(form=lambda s: {}),
        "POST /admin/users/code": Request(form=lambda s: {}),
        "POST /admin/users/new": Request(form=lambda s: {}),
        "POST /login/code": Request(form=lambda s: {}, stores=False),
        "POST /login/enrol": Request(form=lambda s: {}, stores=False),
        "POST /auth/introspect": Request(form=lambda s: {}),
        "POST /api/v1/student-accounts": Request(json=lambda s: {"client_id": s["client_id"]}),
        "POST /api/v1/student-accounts/link": Request(json=lambda s: {"code": "K7QX-9MHT-4CRW-PYEA"}),
        "POST /welcome": Request(form=lambda s: {}),
        "POST /auth/token": Request(json=lambda s: {}),
        "POST /language": Request(form=lambda s: {"lang": "sv"}, stores=False),
        "POST /login": Request(form=lambda s: {}),
        # Signing out withdraws the actor's tokens (a stored change, none for the anonymous): walked last.
        "POST /logout": Request(form=lambda s: {}, stores=None, last=True),
    },
    "intake": {
        "GET /api/v1/conversations/<kind>/<subject_id>/messages": Request(params=THREAD),
        "POST /api/v1/conversations/<kind>/<subject_id>/messages": Request(params=THREAD,
                                                                         json=lambda s: {"body": "Hei!"}),
        "GET /conversations/<kind>/<subject_id>": Request(params=THREAD),
        "POST /conversations/<kind>/<subject_id>": Request(params=THREAD, form=lambda s: {"body": "Hei!"}),
        "POST /api/v1/client-names": Request(json=lambda s: {"purpose": "guidance"}, stores=False),
        "POST /api/v1/rights-requests": Request(json=lambda s: {"client_id": s["client_id"], "kind": "access",
                                                                 "received_on": AGO}),
        "POST /api/v1/rights-requests/<request_id>/answer": Request(json=lambda s: {"state": "done",
                                                                                     "decision": "Vastattu."}),
        "POST /api/v1/rights-requests/<request_id>/extension": Request(
            json=lambda s: {"extension_reason": "Pyyntöjä on paljon."}),
        "POST /api/v1/rights-requests/<request_id>/restriction": Request(
            params={"request_id": "objection_request_id"}, json=lambda s: {"upheld": False, "reason": "Perusteet."}),
        "POST /clients/<client_id>/rights/new": Request(form=lambda s: {"kind": "access", "purpose": "",
                                                                         "received_on": AGO}),
        "POST /rights/<request_id>/answer": Request(form=lambda s: {"state": "done", "decision": "Vastattu."}),
        "POST /rights/<request_id>/erasure": Request(form=lambda s: {}),
        "POST /rights/<request_id>/extend": Request(form=lambda s: {"extension_reason": "Pyyntöjä on paljon."}),
        "POST /rights/<request_id>/restriction": Request(params={"request_id": "objection_request_id"},
                                                         form=lambda s: {"upheld": "no", "reason": "Perusteet."}),
        "POST /rights/<request_id>/restrictions/<restriction_id>/lift": Request(
            params={"request_id": "restriction_request_id"}, form=lambda s: {}),
        "POST /api/v1/clients": Request(json=lambda s: {**_person("Uuno"), "consents": {"service": True}}),
        "POST /api/v1/clients/search": Request(json=lambda s: {"q": "Kanerva"}, stores=False),
        "PATCH /api/v1/clients/<client_id>": Request(json=lambda s: {"institution": "Sataedu Huittinen"}),
        "POST /api/v1/clients/<client_id>/close": Request(json=lambda s: {}),
        # Consent asked under the default register (statistics rests on a public task): given again, harmless.
        "POST /api/v1/clients/<client_id>/consents": Request(json=lambda s: {"purpose": "contact_to_partner",
                                                                             "given": True}),
        "POST /api/v1/clients/<client_id>/metrics": Request(json=lambda s: {"phase": "during",
                                                                            "answers": {"know_wanted_work": 4}}),
        "POST /api/v1/clients/<client_id>/needs": Request(json=lambda s: {"category": "language", "priority": 2}),
        "DELETE /api/v1/clients/<client_id>/needs/<need_id>": Request(params=CLIENT_NEED),
        "PATCH /api/v1/clients/<client_id>/needs/<need_id>": Request(params=CLIENT_NEED,
                                                                     json=lambda s: {"status": "met"}),
        "POST /api/v1/clients/<client_id>/notes": Request(json=lambda s: {"noted_on": AGO, "kind": "phone",
                                                                          "text": "Soitto"}),
        "POST /api/v1/clients/<client_id>/outcomes": Request(json=lambda s: {"kind": "work", "work_form": "part_time",
                                                                             "started_on": AGO}),
        "POST /api/v1/clients/<client_id>/path/goals": Request(json=lambda s: {"kind": "education",
                                                                               "title": "Ammattikorkeakouluun"}),
        "PATCH /api/v1/clients/<client_id>/path/goals/<goal_id>": Request(json=lambda s: {"status": "reached"}),
        "POST /api/v1/clients/<client_id>/path/learning-gaps": Request(json=lambda s: {"skill_uri": CAD}),
        "POST /api/v1/clients/<client_id>/path/steps": Request(json=lambda s: {
            "kind": "job_application", "title": "Hakemus", "owner": "client"}),
        "PATCH /api/v1/clients/<client_id>/path/steps/<step_id>": Request(json=lambda s: {"status": "done"}),
        "PUT /api/v1/clients/<client_id>/profile": Request(json=lambda s: {"hours_per_week": 10,
                                                                          "municipalities": ["609"]}),
        "POST /api/v1/clients/<client_id>/profile/skills": Request(json=lambda s: {
            "skill_uri": CAD, "level": 2, "evidence": "self"}),
        "PATCH /api/v1/clients/<client_id>/profile/skills/<entry_id>": Request(json=lambda s: {"level": 4}),
        # A title of its own each time: a partner's open need is not recorded twice under one title.
        "POST /api/v1/competence-needs": Request(json=lambda s: _need(
            partner_id=s["partner_id"], title=f"Ohjelmistokehittäjä {uuid.uuid4().hex[:8]}")),
        "PATCH /api/v1/competence-needs/<need_id>": Request(json=lambda s: {"status": "filled"}),
        "PUT /api/v1/competence-needs/<need_id>": Request(json=lambda s: _need(hours_per_week=20)),
        "POST /api/v1/metrics/scales": Request(json=lambda s: {
            "key": "teamwork_confidence", "labels": {"fi": "Luotan tiimiini", "sv": "Jag litar på mitt team",
                                                     "en": "I trust my team"}}),
        "PATCH /api/v1/metrics/scales/<key>": Request(json=lambda s: {"active": False}),
        "POST /api/v1/overlap/notices/<notice_id>/resolve": Request(json=lambda s: {
            "resolution": "lead_agreed", "lead_organisation": OWNER}),
        "POST /api/v1/partners": Request(json=lambda s: {"name": "Porin Puutarha Oy", "kind": "company"}),
        "PUT /api/v1/partners/<partner_id>": Request(json=lambda s: _partner(industry="25")),
        "POST /api/v1/partners/<partner_id>/cooperation": Request(json=lambda s: {"kind": "order",
                                                                                 "started_on": AGO}),
        "PUT /api/v1/partners/<partner_id>/contacts": Request(json=lambda s: {"contacts": [
            {"name": "Kaisa Kumppani", "role": "Toimitusjohtaja", "email": "kaisa@example.fi"}]}),
        "PUT /api/v1/partners/<partner_id>/organisation": Request(json=lambda s: {"organisation": None}),
        "POST /api/v1/referrals": Request(json=lambda s: {"client_id": s["client_id"], "to_organisation": "samk",
                                                          "service_id": s["samk_service_id"], "client_agreed": True}),
        "POST /api/v1/referrals/<referral_id>/<action>": Request(json=lambda s: {}),
        "POST /api/v1/services": Request(json=lambda s: {"name": "Uravalmennus"}),
        "PUT /api/v1/services/<service_id>": Request(json=lambda s: {"name": "Työhönvalmennus ja ohjaus"}),
        "POST /api/v1/services/<service_id>/visibility": Request(json=lambda s: {"hidden": True}),
        "POST /services/<service_id>/visibility": Request(form=lambda s: {"hidden": "1"}),
        "GET /api/v1/skills/search": Request(query={"q": "python"}),
        "POST /api/v1/skills/suggestions": Request(json=lambda s: {"text": "ohjelmointi pythonilla"},
                                                   stores=False),
        "POST /clients": Request(form=lambda s: {"q": "Kanerva", "status": "active", "municipality": "",
                                                 "service_area": ""}, stores=False),
        "POST /clients/new": Request(form=lambda s: {**_client_form("Uuno", "Uusinen", "2006-02-03"),
                                                     "consent_service": "y", "consent_method": "in_person"}),
        "POST /clients/<client_id>/consents": Request(form=lambda s: {"purpose": "contact_to_partner",
                                                                      "given": "yes"}),
        "POST /clients/<client_id>/edit": Request(form=lambda s: {
            **_client_form("Kanerva", "Kanarialintu", "2004-05-06"), "institution": "Sataedu Huittinen"}),
        "POST /clients/<client_id>/metrics": Request(form=lambda s: {"phase": "during",
                                                                     "answers_know_wanted_work": "4"}),
        "POST /clients/<client_id>/needs": Request(form=lambda s: {"category": "language", "priority": "2"}),
        "POST /clients/<client_id>/needs/<need_id>": Request(params=CLIENT_NEED, form=lambda s: {
            f"need-{s['need_id']}-priority": "2", f"need-{s['need_id']}-status": "met"}),
        "POST /clients/<client_id>/needs/<need_id>/removal": Request(params=CLIENT_NEED, form=lambda s: {}),
        "POST /clients/<client_id>/notes": Request(form=lambda s: {"noted_on": AGO, "kind": "phone",
                                                                     "text": "Soitto: sovittiin vierailu"}),
        "POST /clients/<client_id>/path/steps/<step_id>/meeting": Request(form=lambda s: {
            "meeting_date": SOON, "start_time": "10:00", "end_time": "11:00", "place": "Konepaja"}),
        "POST /meetings/feed": Request(form=lambda s: {}),
        "POST /meetings/feed/revoke": Request(form=lambda s: {}, stores=None),
        "POST /clients/<client_id>/outcomes/new": Request(form=lambda s: {
            "kind": "work", "work_form": "part_time", "field_of_education": "", "started_on": AGO}),
        "POST /clients/<client_id>/path/goals": Request(form=lambda s: {"kind": "education",
                                                                        "title": "Ammattikorkeakouluun",
                                                                        "field_of_education": ""}),
        "POST /clients/<client_id>/path/goals/<goal_id>": Request(form=lambda s: {
            f"goal-{s['goal_id']}-status": "reached"}),
        "POST /clients/<client_id>/path/steps": Request(form=lambda s: {
            "goal_id": "", "kind": "job_application", "title": "Hakemus", "owner": "client"}),
        "POST /clients/<client_id>/path/steps/<step_id>": Request(form=lambda s: {
            f"step-{s['step_id']}-status": "done"}),
        "POST /clients/<client_id>/profile": Request(form=lambda s: {"hours_per_week": "10",
                                                                     "municipalities": ["609"]}),
        "POST /clients/<client_id>/profile/skills": Request(form=lambda s: {"skill_uri": CAD, "level": "2",
                                                                            "evidence": "self"}),
        "POST /clients/<client_id>/profile/skills/<entry_id>": Request(form=lambda s: {
            f"skill-{s['entry_id']}-level": "4"}),
        "POST /clients/<client_id>/profile/skills/<entry_id>/removal": Request(form=lambda s: {}),
        "POST /clients/<client_id>/referrals/accept": Request(form=lambda s: {"reference": s["incoming_reference"]}),
        "POST /clients/<client_id>/referrals/new": Request(form=lambda s: {"service": s["samk_service_id"],
                                                                           "client_agreed": "y"}),
        "POST /competence-needs/<need_id>/edit": Request(form=lambda s: {**_need_form(), "hours_per_week": "20"}),
        "POST /language": Request(form=lambda s: {"lang": "sv"}, stores=False),
        "POST /me/consents": Request(form=lambda s: {"purpose": "contact_to_partner", "given": "yes"}),
        "POST /api/v1/clients/<client_id>/disclosures/<request_id>": Request(params={"request_id": "disclosure_id"},
                                                                             json=lambda s: {"accept": False}),
        "POST /clients/<client_id>/guardian-objection": Request(params=MINOR, form=lambda s: {"answer": "yes"}),
        "POST /clients/<client_id>/guardian-requests": Request(params=MINOR, form=lambda s: {
            "guardian_id": s["guardian_id"], "kind": "information", "received_on": AGO}),
        "POST /clients/<client_id>/guardian-requests/<request_id>": Request(
            params={**MINOR, "request_id": "guardian_request_id"}, form=lambda s: {"answer": "no"}),
        "GET /clients/<client_id>/guardians": Request(params=MINOR),
        "GET /api/v1/clients/<client_id>/guardian-objection": Request(params=MINOR),
        "PUT /api/v1/clients/<client_id>/guardian-objection": Request(params=MINOR, json=lambda s: {"objects": True}),
        "GET /api/v1/clients/<client_id>/guardian-requests": Request(params=MINOR),
        "POST /api/v1/clients/<client_id>/guardian-requests": Request(params=MINOR, json=lambda s: {
            "guardian_id": s["guardian_id"], "kind": "information", "received_on": AGO}),
        "POST /api/v1/clients/<client_id>/guardian-requests/<request_id>": Request(
            params={**MINOR, "request_id": "guardian_request_id"}, json=lambda s: {"grant": False}),
        "GET /api/v1/clients/<client_id>/guardians": Request(params=MINOR),
        "POST /api/v1/clients/<client_id>/guardians": Request(params=MINOR, json=lambda s: {
            "name": "Matti Nuorinen", "relation": "parent", "phone": "+358 40 333 4444"}),
        "DELETE /api/v1/clients/<client_id>/guardians/<guardian_id>": Request(params=MINOR),
        "PATCH /api/v1/clients/<client_id>/guardians/<guardian_id>": Request(params=MINOR, json=lambda s: {
            "email": "maija.nuorinen@example.fi"}),
        "POST /clients/<client_id>/guardians": Request(params=MINOR, form=lambda s: {
            "name": "Matti Nuorinen", "relation": "parent", "phone": "+358 40 333 4444"}),
        "POST /me/consents/renew": Request(form=lambda s: {}),
        "POST /me/disclosures/<request_id>": Request(params={"request_id": "disclosure_id"},
                                                     form=lambda s: {"answer": "no"}),
        "POST /me/rights": Request(form=lambda s: {"kind": "portability", "purpose": ""}),
        "POST /api/v1/me/rights-requests": Request(json=lambda s: {"kind": "objection", "purpose": "matching"}),
        "POST /me/guardian-objection": Request(form=lambda s: {"answer": "yes"}),
        "POST /me/metrics": Request(form=lambda s: {"phase": "during", "answers_know_wanted_work": "4"}),
        "POST /me/path/steps/<step_id>/done": Request(form=lambda s: {}),
        "POST /me/profile": Request(form=lambda s: {"hours_per_week": "10", "municipalities": ["609"]}),
        "POST /me/profile/skills": Request(form=lambda s: {"skill_uri": CAD, "level": "2", "evidence": "self"}),
        "POST /me/profile/skills/<entry_id>": Request(form=lambda s: {f"skill-{s['entry_id']}-level": "4"}),
        "POST /me/profile/skills/<entry_id>/removal": Request(form=lambda s: {}),
        "POST /metrics/scales": Request(form=lambda s: {
            "label_fi": "Luotan tiimiini", "label_sv": "Jag litar på mitt team", "label_en": "I trust my team",
            "minimum": "1", "maximum": "5"}),
        "POST /metrics/scales/<key>/<action>": Request(params={"action": "retire"}, form=lambda s: {}),
        "POST /my/partner": Request(form=lambda s: {"contacts-0-name": "Kaisa Kumppani",
                                                    "contacts-0-email": "kaisa@example.fi"}),
        "POST /partners/<partner_id>/link": Request(form=lambda s: {"organisation": ""}),
        "POST /my/needs/new": Request(form=lambda s: {**_need_form(), "title": "Kesätyöntekijä"}),
        "POST /overlap/<notice_id>": Request(form=lambda s: {f"n{s['notice_id'][:8]}-choice": "ours"}),
        "POST /partners/new": Request(form=lambda s: _partner_form("Porin Puutarha Oy")),
        "POST /partners/<partner_id>/cooperation/new": Request(form=lambda s: {"kind": "project", "started_on": AGO}),
        "POST /partners/<partner_id>/edit": Request(form=lambda s: _partner_form(
            "Konepaja Virtanen Oy", business_id="3187452-8", industry="25", organisation="konepaja-virtanen")),
        "POST /partners/<partner_id>/needs/new": Request(form=lambda s: {**_need_form(), "title": "Hitsaaja"}),
        "GET /path/occupation-options": Request(query={"occupation_query": "ohjelmoija"}),
        "GET /profile/skill-options": Request(query={"skill_query": "python"}),
        "POST /referrals/<referral_id>/<action>": Request(form=lambda s: {}),
        "POST /services/new": Request(form=lambda s: {"name": "Uravalmennus", "service_area": "", "active": "y"}),
        "POST /services/<service_id>/edit": Request(form=lambda s: {"name": "Työhönvalmennus ja ohjaus",
                                                                    "service_area": "", "active": "y"}),
    },
    "matching": {
        "PUT /api/v1/digest": Request(json=lambda s: {"email": "manageri@example.fi", "locale": "sv"}),
        "POST /api/v1/my/suggestions/<suggestion_id>/answer": Request(json=lambda s: {"answer": "interested"}),
        "POST /api/v1/my/interests": Request(json=lambda s: {"target_kind": "environment_role",
                                                             "target_id": s["role_id"]}),
        "POST /api/v1/partner/candidates/<suggestion_id>/introduction": Request(params=NEED_SUGGESTION),
        "POST /api/v1/partner/candidates/<suggestion_id>/feedback": Request(params=NEED_SUGGESTION, json=lambda s: {
            "stage": "contacted"}),
        "POST /my/interests": Request(form=lambda s: {"target_kind": "environment_role",
                                                      "target_id": s["role_id"]}),
        "POST /my/suggestions/<suggestion_id>": Request(form=lambda s: {
            f"s{s['suggestion_id'][:8]}-answer": "interested"}),
        "POST /partner/candidates/<suggestion_id>/introduction": Request(params=NEED_SUGGESTION, form=lambda s: {}),
        "POST /partner/candidates/<suggestion_id>/feedback": Request(params=NEED_SUGGESTION, form=lambda s: {
            f"c{s['need_suggestion_id'][:8]}-stage": "contacted"}),
        "GET /api/v1/environments/<environment_id>/candidates": Request(params=OPEN),
        "GET /api/v1/environments/<environment_id>/team": Request(params=OPEN),
        "POST /api/v1/suggestions/<suggestion_id>/decision": Request(json=lambda s: {
            "decision": "decline", "reason": "Opiskelija on samaan aikaan harjoittelussa."}),
        "POST /digest": Request(form=lambda s: {"email": "manageri@example.fi", "locale": "sv"}),
        "POST /digest/stop": Request(form=lambda s: {}),
        "GET /environments/<environment_id>": Request(params=OPEN),
        "POST /language": Request(form=lambda s: {"lang": "sv"}, stores=False),
        "POST /suggestions/<suggestion_id>": Request(form=lambda s: {
            "decision": "decline", "reason": "Opiskelija on samaan aikaan harjoittelussa."}),
        "POST /suggestions/<suggestion_id>/learning-gaps": Request(form=lambda s: {"skill_uri": CAD}),
    },
    "environments": {
        "POST /api/v1/environments": Request(json=lambda s: _environment(roles=[ROLE])),
        "POST /api/v1/environments/language-check": Request(json=lambda s: {"text": "Haemme myyjää ja asentajaa."},
                                                            stores=False),
        "PUT /api/v1/environments/<environment_id>": Request(params=OPEN, json=lambda s: _environment(
            partner_ids=[s["partner_id"]], capacity=6)),
        "POST /api/v1/environments/<environment_id>/assessments": Request(json=lambda s: {"scores": SCORES}),
        "POST /api/v1/environments/<environment_id>/outcomes": Request(json=lambda s: {
            "kind": "project", "partner_id": s["partner_id"], "started_on": AGO}),
        "POST /api/v1/environments/<environment_id>/participants": Request(params=OPEN, json=lambda s: {
            "client_id": s["client_id"], "role_id": s["role_id"]}),
        "PUT /api/v1/environments/<environment_id>/review": Request(params=OPEN, json=lambda s: {"items": [
            {"item": "mixed_teams", "checked": True, "note": "Tiimit sekoitetaan."}]}),
        "POST /api/v1/environments/<environment_id>/roles": Request(params=OPEN, json=lambda s: ROLE),
        "DELETE /api/v1/environments/<environment_id>/roles/<role_id>": Request(params=OPEN),
        "PUT /api/v1/environments/<environment_id>/roles/<role_id>": Request(params=OPEN,
                                                                            json=lambda s: {**ROLE, "seats": 4}),
        "POST /api/v1/environments/<environment_id>/transitions": Request(params=OPEN, json=lambda s: {
            "to": "cancelled", "reason": "Yritys vetäytyi."}),
        "POST /api/v1/participants/<participant_id>/badge": Request(json=lambda s: {"identity": "k@example.fi"}),
        "POST /api/v1/participants/<participant_id>/completion": Request(json=lambda s: {}),
        "PUT /api/v1/participants/<participant_id>/goals": Request(json=lambda s: {"learning_goals": "Testaus."}),
        "POST /api/v1/participants/<participant_id>/survey": Request(json=lambda s: {"answers": {
            "working_life_orientation": 4, "learning": 4, "competence_shown": 4, "teamwork": 4, "guidance": 4}}),
        "POST /api/v1/participants/<participant_id>/withdrawal": Request(params=ENROLLED, json=lambda s: {
            "reason": "Siirtyi töihin."}),
        "POST /environments/new": Request(form=_environment_form),
        "GET /environments/<environment_id>/edit": Request(params=OPEN),
        "POST /environments/<environment_id>/edit": Request(params=OPEN, form=_environment_form),
        "GET /environments/<environment_id>/enrol": Request(params=OPEN),
        "POST /environments/<environment_id>/enrol": Request(params=OPEN, form=lambda s: {
            "client_id": s["client_id"], "role_id": s["role_id"], "team_name": "", "gender": ""}),
        "POST /environments/<environment_id>/move": Request(params=OPEN, form=lambda s: {
            "to": "cancelled", "reason": "Yritys vetäytyi."}),
        "POST /environments/<environment_id>/outcomes/new": Request(form=lambda s: {
            "kind": "project", "partner_id": s["partner_id"], "participant_id": "", "started_on": AGO}),
        "POST /environments/<environment_id>/review": Request(params=OPEN, form=lambda s: {
            **{f"items-{i}-item": item for i, item in enumerate(REVIEW_ITEMS)},
            **{f"items-{i}-checked": "y" for i in range(len(REVIEW_ITEMS))}, "items-0-note": "Tarkistettu."}),
        "GET /environments/<environment_id>/roles/new": Request(params=OPEN),
        "POST /environments/<environment_id>/roles/new": Request(params=OPEN, form=lambda s: ROLE_FORM),
        "POST /environments/<environment_id>/roles/<role_id>/delete": Request(params=OPEN, form=lambda s: {}),
        "GET /environments/<environment_id>/roles/<role_id>/edit": Request(params=OPEN),
        "POST /environments/<environment_id>/roles/<role_id>/edit": Request(params=OPEN, form=lambda s: {
            **ROLE_FORM, "seats": "4"}),
        "POST /language": Request(form=lambda s: {"lang": "sv"}, stores=False),
        "POST /my/assessments/<environment_id>/<subject>": Request(params={"subject": "overall"}, form=lambda s: {
            **{f"score_{k}": str(v) for k, v in SCORES.items()}, "skill_level": "3"}),
        "POST /my/surveys/<participant_id>": Request(form=lambda s: {"answer_learning": "4"}),
        "POST /my/surveys/<participant_id>/badge": Request(form=lambda s: {"identity": "k@example.fi"}),
        "POST /participants/<participant_id>": Request(form=lambda s: {"part": "goals",
                                                                       "goals-learning_goals": "Testaus."}),
        "POST /participants/<participant_id>/complete": Request(form=lambda s: {}),
        "GET /participants/<participant_id>/withdraw": Request(params=ENROLLED),
        "POST /participants/<participant_id>/withdraw": Request(params=ENROLLED, form=lambda s: {
            "reason": "Siirtyi töihin."}),
    },
    # The owner's figures: its managers and the coordinator see them, other managers only their own and the
    # network's totals.
    "reporting": {
        "GET /": Request(query={"organisation": OWNER}),
        "GET /api/v1/indicators": Request(query={"organisation": OWNER}),
        "POST /open-data": Request(form=lambda s: {"period": "2024"}),
        "POST /language": Request(form=lambda s: {"lang": "sv"}, stores=False),
        "GET /report.pdf": Request(query={"organisation": OWNER}),
        "GET /tables/<key>.<extension>": Request(query={"organisation": OWNER}),
        "GET /workbook.xlsx": Request(query={"organisation": OWNER}),
    },
}
for _requests in REQUESTS.values():
    _requests.update(SHARED)
