"""Reference data: municipalities and service areas, education, industries and the ESCO skill taxonomy.

Everything is loaded lazily on first use and cached; importing this package reads no data.
Sources, versions and licences of the data files: shared/reference/data/SOURCES.md.
"""

from shared.reference import education, esco, industries, municipalities

__all__ = ["education", "esco", "industries", "municipalities"]
