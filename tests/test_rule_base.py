"""The shipped rule base carries every item of FRAMEWORK.md, in nb and en, with sources."""

from __future__ import annotations

from assistant.models.common import Strict, Text

# The stable ids of ../shared/FRAMEWORK.md.
CONDITIONS = {"local_drivers": "3.4.1", "leadership_anchoring": "3.4.2", "cocreation_competence": "3.4.3",
              "entrepreneur_knows_nav": "3.4.4", "nav_partnership": "3.4.5", "funding_schemes": "3.4.6"}
RECOMMENDATIONS = {
    "define_social_entrepreneur": ("nav", "3.5.1"), "clear_guidelines": ("nav", "3.5.2"),
    "local_autonomy": ("nav", "3.5.3"), "small_scale_state": ("nav", "3.5.4"),
    "follow_up_grantees": ("nav", "3.5.5"), "spread_examples": ("nav", "3.5.6"),
    "business_model": ("entrepreneur", "3.5.7"), "unfinished_service": ("entrepreneur", "3.5.8"),
    "knowledge_of_nav": ("entrepreneur", "3.5.9"),
}
COMPETENCES = {"tender_competence": "entrepreneur", "strategic_development": "entrepreneur",
               "grant_design": "nav", "cocreation_knowledge": "both", "example_spreading": "nav"}
RISKS = {
    "distance_to_funder", "procurement_rules", "tender_capacity", "creaming", "no_normalisation",
    "follow_up_ends", "slow_to_build", "project_curse", "transfer_to_line", "ip_ownership",
    "unstable_relation", "legal_uncertainty", "motivation_unclear", "privacy", "quality_responsibility",
    "single_driver", "recruitment_gap", "not_new", "finished_product", "unequal_parties", "short_funding",
    "funding_patchwork", "gender_roles", "role_confusion",
}
CASES = {
    "moving_mamas": {"supplier", "employment", "grant"},
    "vintage_baby": {"supplier", "development", "employment", "grant"},
    "sisters_in_business": {"employment", "supplier", "development", "grant"},
    "jobbloop": {"development"},
    "krem": {"development", "grant"},
    "medarbeiderne": {"employment", "grant"},
}
# 4.1.1-4.1.4: grant is existing and mainly one-way; supplier existing and more two-way;
# employment outside any existing order and relatively one-way; development new and two-way.
PLACEMENT = {"grant": ("existing", "one_way", "4.1.1"), "supplier": ("existing", "two_way", "4.1.2"),
             "employment": ("new", "one_way", "4.1.3"), "development": ("new", "two_way", "4.1.4")}


def test_conditions(rule_base):
    assert {c.id: c for c in rule_base.conditions}.keys() == CONDITIONS.keys()
    for c in rule_base.conditions:
        assert CONDITIONS[c.id] in c.source
        assert set(c.why) == set(PLACEMENT)


def test_recommendations(rule_base):
    assert {r.id for r in rule_base.recommendations} == set(RECOMMENDATIONS)
    for r in rule_base.recommendations:
        to, section = RECOMMENDATIONS[r.id]
        assert r.to == to and section in r.source


def test_competences(rule_base):
    assert {c.id: c.holder for c in rule_base.competences} == COMPETENCES
    assert all("4.2" in c.source for c in rule_base.competences)


def test_risks(rule_base):
    assert {r.id for r in rule_base.risks} == RISKS


def test_cases_and_the_forms_the_report_names(rule_base):
    assert {c.id: {r.report_form for r in c.relations} for c in rule_base.cases} == CASES


def test_form_placement_matches_the_report(rule_base):
    rows = {r.form: (r.service, r.relation) for r in rule_base.decision.rules}
    assert rule_base.decision.hit_policy == "unique"
    for form, (service, relation, _section) in PLACEMENT.items():
        assert rows[form] == (service, relation)
    for f in rule_base.forms:
        assert PLACEMENT[f.id][2] in f.source
        assert f.benefits and f.challenges and f.examples and f.risks


def test_framework_parts(rule_base):
    fw = rule_base.framework
    assert [c.id for c in fw.definition.criteria] == ["a", "b", "c"]
    assert len(fw.definition.not_included) >= 3
    assert {f for p in fw.phases for f in p.forms} == set(PLACEMENT)
    assert len(fw.partnership.points) == 4


def _texts(node, path="rb"):
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, Strict):
        for name, value in vars(node).items():
            yield from _texts(value, f"{path}.{name}")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")


def test_every_text_has_two_different_languages(rule_base):
    texts = list(_texts(rule_base))
    assert len(texts) > 500
    same = [path for path, t in texts if t.nb == t("en") and len(t.nb) > 12 and "sections" not in path]
    assert same == [], "untranslated texts"


def test_every_item_cites_a_known_section(rule_base):
    known = set(rule_base.meta.sections)
    items = [*rule_base.forms, *rule_base.conditions, *rule_base.recommendations, *rule_base.competences,
             *rule_base.risks, *rule_base.cases, *rule_base.axes.indicators, *rule_base.questions.questions]
    for item in items:
        assert item.source and set(item.source) <= known
