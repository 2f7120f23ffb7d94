"""Editing without YAML (issue 17): the GitHub issue forms made from the schemas, the path from
a filled-in form to a checked entry in canonical form, and the workflow that turns it into a
pull request. Issues are written here as GitHub writes them from the committed forms."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, copy_project, data, run_build

sys.path.insert(0, str(PROJECT / "scripts"))
import form_to_entry  # noqa: E402
import issue_forms  # noqa: E402
from sitedata.languages import CODES  # noqa: E402

FORMS = PROJECT / issue_forms.FORMS_DIR
WORKFLOW = PROJECT / ".github" / "workflows" / "issue-form.yml"
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


# --- the forms --------------------------------------------------------------------------------

def form(name: str) -> dict:
    return yaml.safe_load((FORMS / issue_forms.form_file(name)).read_text(encoding="utf-8"))


def questions(name: str) -> dict[str, dict]:
    """The form's questions by their id, as GitHub reads them from the committed file."""
    return {element["id"]: element for element in form(name)["body"] if element["type"] != "markdown"}


def test_the_committed_forms_are_what_the_schemas_and_words_make():
    made = issue_forms.form_files(PROJECT)
    assert sorted(p.name for p in FORMS.glob("*.yml")) == sorted(p.name for p in made)
    for rel, text in made.items():
        assert (PROJECT / rel).read_text(encoding="utf-8") == text, \
            f"{rel} is out of date: run `{issue_forms.FIX}`"


def test_the_check_names_the_fix_when_a_form_is_out_of_date(tmp_path):
    copy = copy_project(tmp_path / "p")
    issue_forms.main(["--root", str(copy)])
    assert issue_forms.main(["--root", str(copy), "--check"]) == 0
    countries = copy / "data" / "countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8").replace("en: Latvia", "en: Latvija"), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/issue_forms.py", "--check"], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "add-event.yml" in result.stderr and "make issue-forms" in result.stderr


def test_a_changed_schema_description_asks_for_its_translation(tmp_path):
    """The help under a question is the schema's description in both languages: an English
    description changed without its markdownDescription stops the forms' generation."""
    copy = copy_project(tmp_path / "p")
    schema = copy / "data" / "schemas" / "events.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"the kind of event"', '"what kind of event"'),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/issue_forms.py"], cwd=copy, capture_output=True, text=True)
    assert result.returncode != 0
    assert "markdownDescription" in result.stderr and "events.schema.json" in result.stderr
    assert "'type'" in result.stderr and "what kind of event" in result.stderr


@pytest.mark.parametrize("name", [*issue_forms.FORMS, issue_forms.TRANSLATION])
def test_every_question_is_asked_in_both_languages_with_ids_and_labels_of_its_own(name):
    asked = questions(name)
    labels = [q["attributes"]["label"] for q in asked.values()]
    assert len(set(labels)) == len(labels)  # the issue's text names each answer by its label
    assert form(name)["labels"] == [issue_forms.LABEL_PREFIX + name]
    for text in labels + [form(name)["name"], form(name)["description"]]:
        assert " / " in text and CYRILLIC.search(text), text
    for question in asked.values():
        options = question["attributes"].get("options", [])
        if question["type"] == "dropdown":
            assert options and len(set(options)) == len(options), question["id"]


def test_the_schema_decides_what_is_required_and_what_is_a_choice():
    event, contact, resource = questions("event"), questions("contact"), questions("resource")
    assert event["title-en"]["validations"]["required"] and event["title-ru"]["validations"]["required"]
    assert not event["topic-en"]["validations"]["required"]  # required for expert meetings only: the check says so
    assert [o.split(" — ")[0] for o in event["type"]["attributes"]["options"]] == \
        ["expert-meeting", "conference", "ncp-meeting", "training", "joint-meeting", "roundtable"]
    assert [o.split(" — ")[0] for o in event["country"]["attributes"]["options"]] == [c["id"] for c in data("countries")]
    assert "PL — Poland / Польша" in event["country"]["attributes"]["options"]
    assert event["priorities"]["attributes"]["multiple"] is True and event["country"]["attributes"]["multiple"] is False
    assert "public" not in event and "placeholder" not in resource and "tool" not in resource
    assert contact["public"]["type"] == "checkboxes"
    assert contact["public"]["attributes"]["options"][0]["required"] is True
    assert resource["summary-ru"]["type"] == "textarea" and resource["files-en"]["type"] == "input"


# --- the issue, as GitHub writes it -------------------------------------------------------------

def issue_body(name: str, given: dict[str, object]) -> str:
    """The issue's text for a form filled in with given (question id -> the text typed, the
    option(s) chosen, or True for a ticked box), as GitHub writes it."""
    parts = []
    for qid, question in questions(name).items():
        value = given.get(qid)
        if question["type"] == "checkboxes":
            text = "\n".join(f"- [{'X' if value else ' '}] {o['label']}" for o in question["attributes"]["options"])
        elif isinstance(value, list):
            text = ", ".join(value)
        else:
            text = value or "_No response_"
        parts.append(f"### {question['attributes']['label']}\n\n{text}")
    return "\n\n".join(parts)


def option(name: str, qid: str, value: str) -> str:
    return next(o for o in questions(name)[qid]["attributes"]["options"] if o.split(" — ")[0] == value)


GOOD = {
    "event": {
        "id": "riga-2009", "type": option("event", "type", "expert-meeting"),
        "title-en": "Expert meeting on child-friendly justice",
        "title-ru": "Экспертное совещание по вопросам правосудия, доступного детям",
        "topic-en": "Child-friendly justice", "topic-ru": "Правосудие, доступное детям",
        "date": "2009-03-12", "end": "2009-03-13", "city-en": "Riga", "city-ru": "Рига",
        "country": option("event", "country", "LV"),
        "priorities": [option("event", "priorities", "unaccompanied-trafficked"),
                       option("event", "priorities", "street-children")],
        "summary-en": "A meeting on **justice**.\nIt met in the old town.",
        "summary-ru": "Совещание о **правосудии**.",
        "outcomes-en": "Recommendations\nA network", "outcomes-ru": "Рекомендации\nСеть",
        "source": option("event", "source", "wgcc-presentation-2007"),
    },
    "resource": {
        "id": "justice-guidelines", "title-en": "Guidelines on child-friendly justice",
        "title-ru": "Руководство по правосудию, доступному детям",
        "summary-en": "How to hear a child.", "summary-ru": "Как выслушать ребёнка.",
        "type": option("resource", "type", "guideline"), "year": "2009",
        "topics": [option("resource", "topics", "unaccompanied-trafficked")],
        "countries": [option("resource", "countries", "LV"), option("resource", "countries", "NO")],
        "files-en": "https://example.org/guidelines.en.pdf",
        "events": [option("resource", "events", "tallinn-2008")],
        "source": option("resource", "source", "wgcc-presentation-2007"),
    },
    "contact": {
        "id": "lv-ncp", "name-en": "Ministry of Welfare", "name-ru": "Министерство благосостояния",
        "organisation-en": "Ministry of Welfare of Latvia", "organisation-ru": "Министерство благосостояния Латвии",
        "country": option("contact", "country", "LV"), "ncp": True, "email": "ncp@example.lv",
        "source": option("contact", "source", "wgcc-presentation-2007"), "public": True,
    },
}

CANONICAL = {
    "event": """
- id: riga-2009
  type: expert-meeting
  title:
    en: Expert meeting on child-friendly justice
    ru: Экспертное совещание по вопросам правосудия, доступного детям
  topic:
    en: Child-friendly justice
    ru: Правосудие, доступное детям
  date: 2009-03-12
  end: 2009-03-13
  city:
    en: Riga
    ru: Рига
  country: LV
  priorities: [unaccompanied-trafficked, street-children]
  summary:
    en: A meeting on **justice**. It met in the old town.
    ru: Совещание о **правосудии**.
  outcomes:
    - en: Recommendations
      ru: Рекомендации
    - en: A network
      ru: Сеть
  source: wgcc-presentation-2007
""",
    "resource": """
- id: justice-guidelines
  title:
    en: Guidelines on child-friendly justice
    ru: Руководство по правосудию, доступному детям
  summary:
    en: How to hear a child.
    ru: Как выслушать ребёнка.
  type: guideline
  year: 2009
  topics: [unaccompanied-trafficked]
  countries: [LV, NO]
  files:
    - lang: en
      url: https://example.org/guidelines.en.pdf
  events: [tallinn-2008]
  source: wgcc-presentation-2007
""",
    "contact": """
- id: lv-ncp
  name:
    en: Ministry of Welfare
    ru: Министерство благосостояния
  organisation:
    en: Ministry of Welfare of Latvia
    ru: Министерство благосостояния Латвии
  country: LV
  ncp: true
  email: ncp@example.lv
  source: wgcc-presentation-2007
  public: true
""",
}
FILES = {"event": "events", "resource": "resources", "contact": "contacts"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("forms") / "project")


@pytest.fixture
def fresh(project, tmp_path) -> Path:
    """A copy of the project whose data a test may change."""
    return copy_project(tmp_path / "p", origin=project)


def convert(root: Path, labels: str, body: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    """Run the script as the workflow does (the issue's text in ISSUE_BODY); (its result, its message)."""
    message = tmp_path / "message.md"
    result = subprocess.run(
        [sys.executable, "scripts/form_to_entry.py", "--labels", labels, "--issue", "12", "--message", str(message),
         "--title", str(tmp_path / "title.txt")],
        cwd=root, capture_output=True, text=True, env={"ISSUE_BODY": body, "PATH": "/usr/bin:/bin"})
    return result, message.read_text(encoding="utf-8") if message.exists() else ""


def assert_valid_and_canonical(root: Path) -> None:
    validated = run_build(root, "--validate")
    assert validated.returncode == 0, validated.stderr
    normal = subprocess.run([sys.executable, "scripts/normalize.py", "--check"], cwd=root,
                            capture_output=True, text=True)
    assert normal.returncode == 0, normal.stderr


@pytest.mark.parametrize("name", list(GOOD))
def test_a_good_form_adds_its_entry_in_canonical_form_with_the_files_comments_kept(name, fresh, tmp_path):
    path = fresh / "data" / f"{FILES[name]}.yml"
    before = path.read_text(encoding="utf-8")
    result, message = convert(fresh, f"bug, form: {name}", issue_body(name, GOOD[name]), tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == before.rstrip("\n") + "\n" + CANONICAL[name]
    assert_valid_and_canonical(fresh)
    assert "Closes #12" in message and CYRILLIC.search(message)
    assert (tmp_path / "title.txt").read_text(encoding="utf-8").strip() == \
        f"data/{FILES[name]}.yml: {GOOD[name]['id']} (#12)"


def test_the_new_event_gets_its_page_in_both_languages(fresh, tmp_path):
    result, _ = convert(fresh, "form: event", issue_body("event", GOOD["event"]), tmp_path)
    assert result.returncode == 0, result.stderr
    built = run_build(fresh, "--no-bundle")
    assert built.returncode == 0, built.stderr
    for lang, title in (("en", GOOD["event"]["title-en"]), ("ru", GOOD["event"]["title-ru"])):
        page = fresh / "site" / ("" if lang == CODES[0] else lang) / "events" / "riga-2009.html"
        assert title in page.read_text(encoding="utf-8"), lang


def test_the_form_is_known_by_its_label_and_only_questions_start_an_answer():
    assert form_to_entry.form_of("bug, form: resource") == "resource"
    assert form_to_entry.form_of("form: everything, question") is None
    asked = form_to_entry.form_questions("translation", PROJECT)
    text = asked[-1].label
    body = f"### {text}\n\nFirst line\n### A heading of the text\n\n_No response_ is not alone here\n"
    assert form_to_entry.answers(body, asked) == {
        text: "First line\n### A heading of the text\n\n_No response_ is not alone here"}
    assert form_to_entry.answers(f"### {text}\n\n_No response_\n", asked) == {text: ""}


def test_an_issue_as_github_wrote_it_is_read(fresh, tmp_path):
    """A literal issue text: carriage returns, a heading inside an answer, an unticked box."""
    body = (
        "### Id / Идентификатор (id)\r\n\r\nlv-office\r\n\r\n"
        "### Name (English) / Имя (на английском)\r\n\r\nOffice\r\n\r\n"
        "### Name (Russian) / Имя (на русском)\r\n\r\nОфис\r\n\r\n"
        "### Organisation (English) / Организация (на английском)\r\n\r\nThe office\r\n### not a question\r\n\r\n"
        "### Organisation (Russian) / Организация (на русском)\r\n\r\nБюро\r\n\r\n"
        "### National Contact Point / Национальный контактный пункт\r\n\r\n- [ ] Yes / Да\r\n\r\n"
        "### Source / Источник\r\n\r\n_No response_\r\n\r\n"
        "### May be published / Можно публиковать\r\n\r\n- [x] Yes / Да\r\n"
    )
    result, _ = convert(fresh, "form: contact", body, tmp_path)
    assert result.returncode == 0, result.stderr
    added = data("contacts", fresh)[-1]
    assert added == {"id": "lv-office", "name": {"en": "Office", "ru": "Офис"},
                     "organisation": {"en": "The office ### not a question", "ru": "Бюро"}, "public": True}


def test_a_translation_sets_one_language_of_a_text_and_of_a_list_item(fresh, tmp_path):
    given = {"collection": "data/events.yml", "entry": "tallinn-2008", "field": "title",
             "language": option("translation", "language", "ru"), "text": "Экспертное совещание в Таллине"}
    result, message = convert(fresh, "form: translation", issue_body("translation", given), tmp_path)
    assert result.returncode == 0, result.stderr
    entry = next(e for e in data("events", fresh) if e["id"] == "tallinn-2008")
    assert entry["title"]["ru"] == "Экспертное совещание в Таллине"
    assert entry["title"]["en"] == "Expert meeting giving input to the monitoring training"
    assert "`title`" in message and "tallinn-2008" in message
    with_outcomes = next(e for e in data("events", fresh) if len(e.get("outcomes", [])) >= 2)
    given = {**given, "entry": with_outcomes["id"], "field": "outcomes", "item": "2",
             "language": option("translation", "language", "en"), "text": "A second outcome, reworded"}
    result, _ = convert(fresh, "form: translation", issue_body("translation", given), tmp_path)
    assert result.returncode == 0, result.stderr
    changed = next(e for e in data("events", fresh) if e["id"] == with_outcomes["id"])
    assert changed["outcomes"][1] == {**with_outcomes["outcomes"][1], "en": "A second outcome, reworded"}
    assert changed["outcomes"][0] == with_outcomes["outcomes"][0]
    assert_valid_and_canonical(fresh)


# --- bad input --------------------------------------------------------------------------------

def label(name: str, qid: str) -> str:
    return questions(name)[qid]["attributes"]["label"]


BAD = {
    # (form, answers changed) -> [(question id, words the message must hold)]
    "missing required field": ("event", {"title-ru": ""}, [("title-ru", "required")]),
    "bad date": ("event", {"date": "12.03.2009"}, [("date", "12.03.2009"), ("date", "2007-10-24")]),
    "unknown country": ("event", {"country": "Atlantis"}, [("country", "Atlantis"), ("country", "PL — Poland")]),
    "used id": ("event", {"id": "kiev-2005"}, [("id", "already used"), ("id", "kiev-2005-2")]),
    "lines differ": ("event", {"outcomes-ru": "Рекомендации"}, [("outcomes-en", "en: 2, ru: 1")]),
    "several at once": ("event", {"date": "March 2009", "country": "Atlantis", "city-ru": ""},
                        [("date", "March 2009"), ("country", "Atlantis"), ("city-ru", "Russian")]),
    "not a number": ("resource", {"year": "2009 or 2010"}, [("year", "whole number")]),
    "plain http": ("resource", {"files-en": "http://example.org/a.pdf"}, [("files-en", "https://")]),
    "no document": ("resource", {"files-en": ""}, [("files-en", "'files'")]),
    "unknown priority": ("resource", {"topics": ["children-on-mars"]}, [("topics", "children-on-mars")]),
    "bad e-mail": ("contact", {"email": "ncp at example.lv"}, [("email", "ncp at example.lv")]),
    "may not be published": ("contact", {"public": False}, [("public", "PRIVATE_DATA")]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_changes_nothing_and_names_each_field_with_an_example(case, project, tmp_path):
    name, changes, expected = BAD[case]
    path = project / "data" / f"{FILES[name]}.yml"
    before = path.read_text(encoding="utf-8")
    result, message = convert(project, f"form: {name}", issue_body(name, {**GOOD[name], **changes}), tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == before
    items = message.split("\n- ")
    for qid, words in expected:
        item = next((i for i in items if i.startswith(f"**{label(name, qid)}**")), None)
        assert item is not None, f"no message for {label(name, qid)}:\n{message}"
        assert words in item, item
    assert message.startswith(" / ".join(data("messages")["form_head"][lang] for lang in CODES))
    assert "Edit" in message and "Отредактируйте" in message
    assert message == result.stderr.rstrip("\n") + "\n"  # the job's log says the same


def test_a_translation_of_an_entry_that_is_not_there_names_the_id(project, tmp_path):
    given = {"collection": "data/events.yml", "entry": "tallin-2008", "field": "title",
             "language": option("translation", "language", "ru"), "text": "Текст"}
    result, message = convert(project, "form: translation", issue_body("translation", given), tmp_path)
    assert result.returncode == 1
    assert f"**{label('translation', 'entry')}**" in message and "`tallin-2008`" in message


def test_an_issue_without_a_form_label_is_no_form(project, tmp_path):
    result, message = convert(project, "bug, question", "### Anything\n\nhello", tmp_path)
    assert result.returncode == 2 and message == ""


# --- the workflow -------------------------------------------------------------------------------

def workflow() -> dict:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads the key `on` as true
    return loaded


def test_the_workflow_runs_on_form_issues_by_members_only():
    flow = workflow()
    assert flow["on"] == {"issues": {"types": ["opened", "edited"]}}
    (job,) = flow["jobs"].values()
    assert issue_forms.LABEL_PREFIX in job["if"]
    assert "author_association" in job["if"] and "COLLABORATOR" in job["if"] and "NONE" not in job["if"]


def test_the_issue_text_never_stands_inside_a_command():
    (job,) = workflow()["jobs"].values()
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    converting = next(s for s in job["steps"] if "form_to_entry.py" in s.get("run", ""))
    assert converting["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "github.event.issue.title" not in WORKFLOW.read_text(encoding="utf-8")


def test_the_workflow_checks_out_its_own_code_with_minimal_rights_and_pinned_actions():
    flow = workflow()
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkout["with"]["persist-credentials"] is False
    pinned_elsewhere = {ref for path in WORKFLOW.parent.glob("*.yml") if path != WORKFLOW
                        for ref in re.findall(r"uses:\s*(\S+@[0-9a-f]{40})", path.read_text(encoding="utf-8"))}
    used = [s["uses"] for s in job["steps"] if "uses" in s]
    assert used and set(used) <= pinned_elsewhere
    assert "pull_request_target" not in json.dumps(flow)


def test_the_workflow_acts_on_what_the_script_says():
    (job,) = workflow()["jobs"].values()
    steps = {s.get("name", ""): s for s in job["steps"]}
    pushing = next(s for s in steps.values() if "gh pr create" in s.get("run", ""))
    commenting = next(s for s in steps.values() if "gh issue comment" in s.get("run", ""))
    assert pushing["if"] == "steps.entry.outputs.status == '0'"
    assert commenting["if"] == "steps.entry.outputs.status == '1'"
    assert "--body-file" in commenting["run"] and "--body-file" in pushing["run"]


def test_a_code_in_small_letters_gets_the_choice_it_means(project, tmp_path):
    body = issue_body("event", {**GOOD["event"], "country": "lv"})
    result, message = convert(project, "form: event", body, tmp_path)
    assert result.returncode == 1
    assert "`lv`" in message and "`LV — Latvia / Латвия`" in message


# --- the workflow's commands, run here ----------------------------------------------------------

def _step(job: dict, needle: str) -> dict:
    return next(s for s in job["steps"] if needle in s.get("run", ""))


def _run_step(step: dict, workspace: Path, env: dict) -> subprocess.CompletedProcess:
    """A step's commands as the runner runs them (bash -eo pipefail), its env: values filled in."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                          capture_output=True, text=True, env=env)


@pytest.fixture
def runner(project, tmp_path):
    """A checkout of the project with an origin to push to, and stand-ins for `make .venv/.installed`
    (the environment is ready) and for gh (it writes down what it was asked)."""
    work = copy_project(tmp_path / "work", origin=project)
    (work / ".venv").symlink_to(PROJECT / ".venv")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(work)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "main"], cwd=work, check=True)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(origin)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(origin)], cwd=work, check=True)
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "make").write_text("#!/bin/sh\nexit 0\n")
    (tools / "gh").write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/gh.log\n')
    for tool in tools.iterdir():
        tool.chmod(0o755)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {"PATH": f"{tools}:/usr/bin:/bin", "HOME": str(tmp_path), "RUNNER_TEMP": str(temp),
           "GITHUB_WORKSPACE": str(work), "GITHUB_OUTPUT": str(tmp_path / "output"),
           "GH_TOKEN": "not-a-token", "REPOSITORY": "cbss/children", "ISSUE_NUMBER": "12"}
    return work, origin, env, tmp_path


def test_the_workflow_pushes_a_branch_with_the_entry_and_opens_its_pull_request(runner):
    work, origin, env, tmp = runner
    (job,) = workflow()["jobs"].values()
    env = {**env, "ISSUE_LABELS": "form: event", "ISSUE_BODY": issue_body("event", GOOD["event"])}
    converted = _run_step(_step(job, "form_to_entry.py"), work, env)
    assert converted.returncode == 0, converted.stderr
    assert (tmp / "output").read_text() == "status=0\n"
    pushed = _run_step(_step(job, "gh pr create"), work, env)
    assert pushed.returncode == 0, pushed.stderr
    shown = subprocess.run(["git", "show", "form/issue-12:data/events.yml"], cwd=origin, capture_output=True,
                           text=True, check=True).stdout
    assert shown.endswith(CANONICAL["event"])
    subject = subprocess.run(["git", "log", "-1", "--format=%s", "form/issue-12"], cwd=origin,
                             capture_output=True, text=True, check=True).stdout.strip()
    assert subject == "data/events.yml: riga-2009 (#12)"
    changed = subprocess.run(["git", "diff", "--name-only", "main", "form/issue-12"], cwd=origin,
                             capture_output=True, text=True, check=True).stdout.split()
    assert changed == ["data/events.yml"]
    calls = (tmp / "gh.log").read_text().splitlines()
    assert calls[0].startswith("pr list --repo cbss/children --head form/issue-12")
    assert calls[1].startswith("pr create --repo cbss/children --head form/issue-12 --title data/events.yml: riga-2009")
    assert "Closes #12" in Path(calls[1].split("--body-file ")[1]).read_text(encoding="utf-8")

    # The issue is edited: a new job, on a fresh checkout of main, replaces the branch; the pull request stays.
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=work, check=True)
    subprocess.run(["git", "branch", "-q", "-D", "form/issue-12"], cwd=work, check=True)
    (tmp / "bin" / "gh").write_text(f'#!/bin/sh\necho "$@" >> {tmp}/gh.log\n[ "$1" = pr ] && [ "$2" = list ] && echo 7\n'
                                    "exit 0\n")
    env["ISSUE_BODY"] = issue_body("event", {**GOOD["event"], "city-en": "Rīga"})
    assert _run_step(_step(job, "form_to_entry.py"), work, env).returncode == 0
    assert _run_step(_step(job, "gh pr create"), work, env).returncode == 0
    shown = subprocess.run(["git", "show", "form/issue-12:data/events.yml"], cwd=origin, capture_output=True,
                           text=True, check=True).stdout
    assert shown.endswith(CANONICAL["event"].replace("en: Riga", "en: Rīga"))
    ahead = subprocess.run(["git", "rev-list", "--count", "main..form/issue-12"], cwd=origin, capture_output=True,
                           text=True, check=True).stdout.strip()
    assert ahead == "1"
    assert [c for c in (tmp / "gh.log").read_text().splitlines() if c.startswith("pr create")] == [calls[1]]


def test_the_workflow_comments_on_a_form_with_mistakes(runner):
    work, origin, env, tmp = runner
    (job,) = workflow()["jobs"].values()
    env = {**env, "ISSUE_LABELS": "form: event",
           "ISSUE_BODY": issue_body("event", {**GOOD["event"], "date": "12.03.2009"})}
    converted = _run_step(_step(job, "form_to_entry.py"), work, env)
    assert converted.returncode == 0, converted.stderr  # the step succeeds: the mistakes go to the issue
    assert (tmp / "output").read_text() == "status=1\n"
    commented = _run_step(_step(job, "gh issue comment"), work, env)
    assert commented.returncode == 0, commented.stderr
    (call,) = (tmp / "gh.log").read_text().splitlines()
    assert call.startswith("issue comment 12 --repo cbss/children --body-file ")
    assert "12.03.2009" in Path(call.split("--body-file ")[1]).read_text(encoding="utf-8")
    assert subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=work, capture_output=True,
                          text=True).stdout == ""  # nothing changed
