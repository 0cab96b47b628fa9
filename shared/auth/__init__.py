"""Identity and access: tokens, principals, and the declared access rules of every route."""
from shared.auth.policy import allow, public
from shared.auth.principal import ANONYMOUS, ROLES, Principal, current_principal

__all__ = ["ANONYMOUS", "ROLES", "Principal", "allow", "current_principal", "public"]
