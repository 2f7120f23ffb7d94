"""Every fact of the programme's own text (../shared/seed) is on the right page, in both languages."""
from __future__ import annotations

import pytest

from conftest import data, page, text_of

# page -> facts in English, facts in Russian (the built page's text must contain each)
FACTS = {
    "index.html": (
        ["Working Group for Cooperation on Children at Risk (WGCC)", "Council of the Baltic Sea States",
         "Children's Unit of the CBSS Secretariat", "English and Russian", "CD-ROM", "calendar"],
        ["Рабочей группы по сотрудничеству в интересах детей групп риска (WGCC)",
         "Совета государств Балтийского моря", "Отдел по делам детей Секретариата СГБМ",
         "английском и русском", "компакт-диске", "календарь"],
    ),
    "priorities.html": (
        ["Sexual exploitation in all its forms", "Unaccompanied and trafficked children",
         "Children living in the street", "The rights of children in institutions",
         "Young offenders and self-destructive behaviour in children"],
        ["Сексуальная эксплуатация во всех её формах", "Несопровождаемые дети и дети — жертвы торговли людьми",
         "Дети, живущие на улице", "Права детей в учреждениях интернатного типа",
         "Несовершеннолетние правонарушители и саморазрушающее поведение детей"],
    ),
    "methods.html": (
        ["Expert meetings", "Defining common areas of concern", "Identifying gaps", "Outlining areas for action",
         "Expert input to the WGCC", "Conferences", "Political support", "State commitments and joint funding",
         "Unique networking", "Web site", "Regional information on children at risk",
         "Networking possibilities online", "Calendar",
         "Preventing Trafficking in Human Beings: Challenges and Solutions", "Vilnius",
         "Ministry of the Interior of the Republic of Lithuania", "Lars Lööf"],
        ["Экспертные совещания", "Определение общих проблемных областей", "Выявление пробелов",
         "Определение направлений действий", "Экспертный вклад в работу WGCC", "Конференции",
         "Политическая поддержка", "Обязательства государств и совместное финансирование",
         "Уникальные возможности для налаживания связей", "Веб-сайт",
         "Региональная информация о детях групп риска", "Возможности для сетевого взаимодействия онлайн",
         "Календарь", "Предотвращение торговли людьми: проблемы и решения", "Вильнюс",
         "Министерство внутренних дел Литовской Республики", "Ларс Лёф"],
    ),
    "programme.html": (
        ["BSR CACVT", "Baltic Sea Region Comprehensive Assistance to Children Victims of Trafficking", "Daphne",
         "more than 50 experts", "from 10 countries",
         "National Contact Points, the National Coordinators and the TFOC Expert Group on Human Trafficking",
         "CBSS Task Force against Trafficking in Human Beings (TFTHB) on 24 October",
         "lessons learned and gaps to address", "in Russian and English on the web site and on CD-ROM",
         "mapping project", "interviews with child victims", "published in early 2008"],
        ["BSR CACVT", "Комплексная помощь детям — жертвам торговли людьми в регионе Балтийского моря", "Daphne",
         "более 50 экспертов", "из 10 стран",
         "национальным контактным пунктам, национальным координаторам и Экспертной группе по торговле людьми",
         "Оценку и опыт обучения 24 октября", "извлечённые уроки и пробелы",
         "на русском и английском языках на веб-сайте и на компакт-диске", "проект по картированию",
         "интервью с пострадавшими детьми", "в начале 2008 года"],
    ),
    "ncp.html": (
        ["except Germany and Russia", "4th Meeting of National Contact Points", "Warsaw, Poland", "May 2007",
         "Polish Ministry of the Interior and Administration", "updated Plan of Action",
         "Disseminating more broadly the NCPs as nodes of information and contact on a national and regional level",
         "when a child can or should be returned to the country of origin",
         "identify children who are victims of exploitation in criminality"],
        ["исключение составляют Германия и Россия", "4-е совещание национальных контактных пунктов",
         "Варшава, Польша", "май 2007", "Министерство внутренних дел и администрации Польши",
         "Плана действий", "информационно-контактных центрах на национальном и региональном уровнях",
         "может или должен быть возвращён в страну происхождения",
         "выявлять детей — жертв эксплуатации путём вовлечения в преступную деятельность"],
    ),
    "other-work.html": (
        ["UN Study on Violence against Children", "violence in the context of trafficking",
         "relevant regional stakeholders",
         "Why is the prevention of trafficking not mainstreamed into other primary prevention efforts?",
         "not included in the regular programmes assisting children victims of violence?",
         "We need to discuss accountability", "States", "International donors", "International organisations",
         "NGOs"],
        ["Исследования ООН по вопросу о насилии в отношении детей", "насилия в контексте торговли людьми",
         "заинтересованными сторонами региона",
         "Почему профилактика торговли людьми не интегрирована в другие меры первичной профилактики?",
         "не включены в обычные программы помощи детям — жертвам насилия?",
         "Необходимо обсудить подотчётность", "Государства", "Международные доноры",
         "Международные организации", "Неправительственные организации"],
    ),
    "contact.html": (
        ["Children's Unit", "Lars Lööf", "Head of the Children's Unit", "lars.loof (at) cbss.org"],
        ["Отдел по делам детей", "Ларс Лёф", "руководитель Отдела по делам детей", "lars.loof (собака) cbss.org"],
    ),
}

# The seven expert meetings: page id, topic (en, ru), place (en, ru), month (en, ru)
MEETINGS = [
    ("kiev-2005", "Care, protection, rehabilitation and reintegration for unaccompanied and trafficked children",
     "Уход, защита, реабилитация и реинтеграция", "Kyiv, Ukraine", "Киев, Украина", "April 2005", "апрель 2005 г."),
    ("yaroslavl-2005", "Supporting boys and girls leaving institutions", "Поддержка юношей и девушек",
     "Yaroslavl, Russia", "Ярославль, Россия", "September 2005", "сентябрь 2005"),
    ("reykjavik-2006", "Child-friendly forensic investigations", "Дружественные к ребёнку следственные действия и экспертизы",
     "Reykjavik, Iceland", "Рейкьявик, Исландия", "May 2006", "май 2006"),
    ("satra-bruk-2006", "Support to children abused in Internet settings", "пострадавших от насилия в интернете",
     "Sätra Bruk, Sweden", "Сетра-Брук, Швеция", "May 2006", "май 2006"),
    ("oslo-2006", "Monitoring the rights of children in institutions", "Мониторинг соблюдения прав детей",
     "Oslo, Norway", "Осло, Норвегия", "September 2006", "сентябрь 2006"),
    ("st-petersburg-2007", "Children committing crimes and with a self-destructive behaviour",
     "Дети, совершающие преступления", "St Petersburg, Russia", "Санкт-Петербург, Россия",
     "November 2007", "ноябрь 2007"),
    ("tallinn-2008", "Input to the monitoring training", "Предложения для обучения мониторингу",
     "Tallinn, Estonia", "Таллин, Эстония", "January 2008", "январь 2008"),
]


def _missing(text: str, facts: list[str]) -> list[str]:
    return [fact for fact in facts if fact not in text]


@pytest.mark.parametrize("rel", sorted(FACTS))
def test_seed_facts_in_both_languages(site, rel):
    english, russian = FACTS[rel]
    assert _missing(text_of(site, rel), english) == []
    assert _missing(text_of(site, f"ru/{rel}"), russian) == []


@pytest.mark.parametrize("meeting", MEETINGS, ids=[m[0] for m in MEETINGS])
def test_each_expert_meeting_listed_and_with_its_own_page(site, meeting):
    ident, topic_en, topic_ru, place_en, place_ru, month_en, month_ru = meeting
    for prefix, facts in (("", (topic_en, place_en, month_en)), ("ru/", (topic_ru, place_ru, month_ru))):
        assert _missing(text_of(site, f"{prefix}events/{ident}.html"), list(facts)) == []
        listing = page(site, f"{prefix}meetings/index.html")
        row = next(tr for tr in listing.select("tbody tr") if tr.find("a", href=f"../events/{ident}.html"))
        # The date starts a table cell: its first letter capitalised, the rest as it is («Апрель 2005 г.»).
        topic, place, month = facts
        assert _missing(" ".join(row.get_text(" ").split()), [topic, place, month[:1].upper() + month[1:]]) == []


def test_meetings_list_has_all_seven_in_date_order(site):
    for prefix in ("", "ru/"):
        links = [a["href"] for a in page(site, f"{prefix}meetings/index.html").select("tbody tr a")]
        assert links == [f"../events/{m[0]}.html" for m in MEETINGS]


def test_ncp_status_per_member_state(site):
    for prefix, yes, no in (("", "Operational", "Not operational"), ("ru/", "Действует", "Не действует")):
        rows = page(site, f"{prefix}ncp.html").select("tbody tr")
        status = {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
                  for tr in rows}
        assert len(status) == 11  # the member states of the CBSS
        not_operational = sorted(country for country, value in status.items() if value == no)
        assert not_operational == (["Germany", "Russia"] if not prefix else ["Германия", "Россия"])
        assert all(value in (yes, no) for value in status.values())


def test_self_assessment_is_an_accessible_table_of_nine_areas(site):
    for prefix, first_area, worst in (("", "My education/training", "My life is ***** and there is nothing"),
                                      ("ru/", "Моя учёба / профобучение", "Моя жизнь — *****")):
        table = page(site, f"{prefix}tools/self-assessment.html").select_one("table.bsr-assessment")
        assert table.caption and table.caption.get_text(strip=True)
        assert len(table.select("thead th[scope=col]")) == 4
        rows = table.select("tbody tr")
        assert len(rows) == 9
        assert all(len(row.select("th[scope=row]")) == 1 and len(row.select("td")) == 3 for row in rows)
        assert rows[0].th.get_text(strip=True) == first_area
        assert rows[-1].select("td")[2].get_text(strip=True).startswith(worst)


def test_only_what_the_source_gives_is_shown_as_fact(site):
    """Section A of the content review: no year, publisher or organiser the source does not give."""
    # Resources: year and publisher only when given (the tests' sample resource gives both).
    sample = text_of(site, "resources/sample-report.html")
    assert "Year 2009" in sample and "Publisher Tests" in sample
    for rel in ("resources/mapping-study.html", "resources/cacvt-training-materials.html",
                "resources/self-assessment-tool.html", "ru/resources/mapping-study.html"):
        text = text_of(site, rel)
        assert not any(word in text for word in ("Year", "Publisher", "Год", "Издатель")), rel
    # Events: the source names no organiser; Warsaw's meeting was organised "in cooperation with" the ministry.
    for ident in ("wgcc-tfthb-2007", "vilnius-conference", "cacvt-training", "ncp-warsaw-2007"):
        assert "Organised by" not in text_of(site, f"events/{ident}.html")
        assert "Организаторы" not in text_of(site, f"ru/events/{ident}.html")
    assert "Organised in cooperation with Polish Ministry of the Interior and Administration" in \
        text_of(site, "events/ncp-warsaw-2007.html")
    assert "Партнёры по организации Министерство внутренних дел и администрации Польши" in \
        text_of(site, "ru/events/ncp-warsaw-2007.html")
    # BSR CACVT's name as the source gives it, with no claim of funding.
    programme = text_of(site, "programme.html")
    assert "BSR CACVT – Baltic Sea Region Comprehensive Assistance to Children Victims of Trafficking – Daphne" \
        in programme and "Funded" not in programme
    assert "BSR CACVT — «Комплексная помощь детям — жертвам торговли людьми в регионе Балтийского моря» — Daphne" \
        in text_of(site, "ru/programme.html")
    # The tool: the source's "Example of a tool", no author; the site's own words said so, first.
    for prefix, said in (("", "shows this table as an “Example of a tool”, without naming who made it"),
                         ("ru/", "приведена как «пример инструмента» (Example of a tool), без указания автора")):
        tool = page(site, f"{prefix}tools/self-assessment.html").select_one("article")
        assert said in " ".join(tool.select_one("h1 ~ p").get_text(" ").split())


def test_an_event_page_lists_the_resources_that_name_it(site, built_project):
    """Each event's page links, under its heading, the public resources whose `events` name it,
    in both languages (restricted ones: test_privacy.py finds them in no output)."""
    resources = data("resources", built_project)
    named = {e["id"]: [r for r in resources if e["id"] in r.get("events", [])] for e in data("events", built_project)}
    assert sum(map(bool, named.values())) >= 3
    for event_id, found in named.items():
        for prefix, lang, heading in (("", "en", "Resources from this event"), ("ru/", "ru", "Материалы этого мероприятия")):
            doc = page(site, f"{prefix}events/{event_id}.html")
            h2 = next((h for h in doc.select("h2") if h.get_text(strip=True).startswith(heading)), None)
            if not found:
                assert h2 is None, event_id
                continue
            links = [(a["href"], a.get_text(strip=True)) for a in h2.find_next_sibling("ul").select("a")]
            assert sorted(links) == sorted((f"../resources/{r['id']}.html", r["title"][lang]) for r in found), event_id
