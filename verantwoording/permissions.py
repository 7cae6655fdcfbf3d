"""Who may do what in phases D and E (agreements, reports, evaluations): predicates that
return an `aanbesteden.permissions.Toestemming`, as in the earlier apps. None yet."""
