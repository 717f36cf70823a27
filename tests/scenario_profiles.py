"""Answer profiles of kinds of service, written for these tests (not taken from the real cases
the source documents name): each is a plausible set of answers a group might give."""

from __future__ import annotations

from typing import Any

WELL_PREPARED: dict[str, Any] = {
    "service_area": "community_health", "staff_count": 120,
    "main_reason": "better_service", "who_started": "frontline",
    "service_function": "direct_care", "natural_monopoly": False, "statutory_function": "none",
    "other_customers": "likely",
    "learned_benefits_risks": True, "staff_briefed": True, "staff_motivation": 5,
    "staff_support_level": "most", "leaders_ready": True, "career_risk": "a_little",
    "host_view": "agreed", "senior_managers_view": "champion", "approval_route": "clear",
    "right_to_provide": "applies", "host_reorganising": False,
    "union_consulted": "involved", "union_stance": "supportive", "campaign_opposition": False,
    "legal_challenge": False, "pension_scheme": True, "pension_plan": "agreed",
    "pension_worries": "hardly", "terms_explained": True,
    "business_plan": "agreed", "costs_known": "yes_full", "confidence_viable": 8,
    "contract_secured": "signed", "contract_length": "long", "recompete_plan": "ready",
    "working_capital": "yes_enough", "setup_funding": "secured", "tax_advice": True,
    "tender_expected": False, "commissioner_talks": True, "procurement_understanding": "well",
    "ownership_clarity": "clear", "board_makeup": "staff_users", "private_partner": "no",
    "charity_wanted": "no", "outside_investment": "loans", "profits_to_staff": "reinvest",
    "asset_lock": "essential", "members_decided": True, "legal_form_advice": True,
    "specialist_advisers": "funded", "support_programmes": "received",
    "organisation_registered": True, "spun_out": False,
}

TAKEN_OVER = {**WELL_PREPARED, "host_reorganising": True, "reorg_impact": "stopped"}

STATUTORY = {**WELL_PREPARED, "service_function": "audit_inspection",
             "statutory_function": "all", "natural_monopoly": True,
             "contract_secured": "none", "organisation_registered": False}
for _unknown in ("contract_length", "recompete_plan"):
    STATUTORY.pop(_unknown)

TOP_DOWN_CUTS: dict[str, Any] = {
    **WELL_PREPARED, "main_reason": "cut_costs", "who_started": "senior_savings",
    "staff_involved_when": "after_start", "staff_support_level": "few", "staff_motivation": 2,
    "staff_briefed": False, "business_plan": "draft", "contract_secured": "in_talks",
    "contract_length": "short", "host_view": "supportive", "organisation_registered": False,
    "charity_wanted": "yes", "profits_to_staff": "share"}
TOP_DOWN_CUTS.pop("recompete_plan")

RUNNING_MUTUAL = {**WELL_PREPARED, "spun_out": True, "recompete_plan": "aware"}

ANSWERED_LITTLE: dict[str, Any] = {
    "who_started": "outside", "business_plan": "agreed", "host_view": "supportive",
    "staff_support_level": "dont_know"}

PROFILES = {"well_prepared": WELL_PREPARED, "taken_over": TAKEN_OVER, "statutory": STATUTORY,
            "top_down_cuts": TOP_DOWN_CUTS, "running_mutual": RUNNING_MUTUAL,
            "answered_little": ANSWERED_LITTLE}
