"""What a rule file may contain: pydantic models that validate each YAML file under ``rules/``.

Every model here stands for one rule-set item of :mod:`spinout.ruleset.model` (named by its
``runtime`` class attribute) and has the same fields; it adds what only reading a file needs:
the constraints, the checks on each item, and the field docs that become the JSON Schema
``spinout rules schema`` prints for editors. :meth:`Frozen.to_runtime` turns a validated model
into its record. Only a rule set read from its files imports this package (and pydantic).
"""
