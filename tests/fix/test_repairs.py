"""Encoding repair: right, conservative, idempotent, and never touching code."""

from __future__ import annotations

import os
import stat

import git
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog.config import Config, FixConfig
from learnlog.fix.encoding import fix_prose
from learnlog.fix.repairs import repair_file
from learnlog.layout import FileKind
from tests.helpers import SEED, CliRunner, root_of, write

OPTIONS = FixConfig()


def fix_text(text: str, *, entry: bool = False) -> str:
    kind = FileKind.ENTRY if entry else FileKind.OTHER
    repaired = repair_file(text.encode("utf-8"), Config(fix=OPTIONS), "log/2024/2024-09-09.md", kind)
    assert repaired.text is not None
    return repaired.text


CORRECT_TEXT = {
    "french": "L’été dernier, j’ai lu « Les Misérables » à Paris — c’était génial !",
    "german": "Größe, Übermaß und Äpfel: „Anführungszeichen“ sind schön.",
    "polish": "Zażółć gęślą jaźń; Łódź i Gdańsk.",
    "russian": "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "greek": "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
    "japanese": "いろはにほへと　ちりぬるを。「日本語」のテキスト",
    "chinese": "你好，世界！这是一个测试：（全角标点）。",
    "korean": "다람쥐 헌 쳇바퀴에 타고파.",
    "hebrew": "דג סקרן שט בים מאוכזב ולפתע מצא חברה.",
    "arabic": "صِف خَلقَ خَودِ كَمِثلِ الشَمسِ إِذ بَزَغَت",
    "vietnamese": "Tiếng Việt có dấu: Trăm năm trong cõi người ta.",
    "turkish": "Pijamalı hasta yağız şoföre çabucak güvendi. İstanbul ıı",
    "emoji": "👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 🏴󠁧󠁢󠁥󠁮󠁧󠁿 ❤️‍🔥",
    "math-currency": "∀x ∈ ℝ: x² ≥ 0; ∑ ≈ ∞; €5, £3, ¥100, ₹20, ₿1",
    "curly-quotes": "“Double” and ‘single’ quotes, it’s — fine… ﬁ ligature &amp; entity",
    "shrug": "¯\\_(ツ)_/¯",
    "latin1-looking": "Café naïve coöperate résumé Ångström Ñandú ¿Qué? ¡Olé!",
}


@pytest.mark.parametrize("text", CORRECT_TEXT.values(), ids=CORRECT_TEXT.keys())
def test_correct_text_is_left_alone(text: str) -> None:
    document = f"# Sep 9, 2024\n\n- {text}\n\n## {text}\n\n> {text}\n"
    assert fix_text(document) == document


def test_seed_sep9_is_repaired_exactly_and_nothing_else_changes(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    cli("import", str(SEED), cwd=root)
    before = {p: p.read_bytes() for p in (root / "log").rglob("*.md")}
    result = cli("fix", "--select" if False else "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        'log/2024/2024-09-09.md:7:121: LL302 fixed mojibake "Itâ€™s" -> "It’s" (sloppy-windows-1252 -> utf-8)'
    )
    sep9 = root / "log/2024/2024-09-09.md"
    assert sep9.read_bytes() == before[sep9].replace("Itâ€™s".encode(), "It’s".encode())
    assert all(p.read_bytes() == data for p, data in before.items() if p != sep9)
    assert cli("fix", "log/2024/2024-09-09.md", cwd=root).code == 0


def test_mojibake_in_code_is_left_exactly_as_written() -> None:
    text = (
        "# Sep 9, 2024\n\nItâ€™s `Itâ€™s` and <!-- Itâ€™s -->\n\n```\nItâ€™s\n```\n\n"
        "    Itâ€™s indented\n\n[Itâ€™s](https://x.example/Itâ€™s)\n"
    )
    fixed = fix_text(text)
    assert fixed == text.replace("Itâ€™s `", "It’s `", 1).replace("[Itâ€™s]", "[It’s]")


def test_double_encoded_mojibake() -> None:
    once = "It’s".encode().decode("cp1252")
    twice = once.encode().decode("cp1252")
    assert fix_prose(twice, OPTIONS)[0] == "It’s"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_fix_is_idempotent_on_random_text(text: str) -> None:
    once = fix_text("# Sep 9, 2024\n\n" + text + "\n")
    assert fix_text(once) == once


@given(
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, exclude_categories=("Cs",)), max_size=40)
)
@settings(max_examples=300, deadline=None)
def test_fix_is_idempotent_on_badly_encoded_text(text: str) -> None:
    damaged = text.encode("utf-8").decode("cp1252", errors="replace")
    once = fix_text("# Sep 9, 2024\n\n" + damaged + "\n")
    assert fix_text(once) == once


VOCABULARY = [
    "café", "naïve", "it’s", "“quoted”", "—", "…", "€5", "Größe", "señor", "façade", "über",
    "déjà", "l’été", "résumé", "Ålesund", "cœur", "piñata", "smörgåsbord", "Zażółć", "Привет",
    "日本語", "你好，世界！", "👍🏽", "a", "the", "and", "x²",
]  # fmt: skip
SENTENCES = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8).map(" ".join)


@given(SENTENCES)
@settings(max_examples=400, deadline=None)
def test_repaired_text_is_what_the_author_wrote(text: str) -> None:
    """fix(s.encode('utf-8').decode('cp1252')) == s whenever ftfy can know it: the damaged
    text decodes at all and ftfy's own badness measure sees the damage (``Ã…lesund`` is
    plausible Latin-1 text, so ftfy rightly leaves it)."""
    from ftfy.badness import is_bad

    try:
        damaged = text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return  # a byte that cp1252 leaves undefined: the text cannot be damaged this way
    if is_bad(damaged):
        assert fix_prose(damaged, OPTIONS)[0] == text
    else:
        assert fix_prose(damaged, OPTIONS)[0] in (damaged, text)


def test_windows_1252_file_becomes_utf8(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    path = write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- Café “quotes” – 5€\n".encode("cp1252"))
    result = cli("fix", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1 and "LL301 transcoded from windows-1252 to UTF-8" in result.out
    assert path.read_text(encoding="utf-8") == "# Sep 9, 2024\n\n- Café “quotes” – 5€\n"


def test_ambiguous_non_utf8_is_reported_and_left_alone(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    data = "# Sep 9, 2024\n\n- 日本語のテキスト\n".encode("shift_jis")
    path = write(root, "log/2024/2024-09-09.md", data)
    result = cli("fix", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1 and "LL301" in result.out and "left unchanged" in result.out
    assert path.read_bytes() == data


def test_bom_and_crlf_become_clean_utf8_lf(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    path = write(root, "log/2024/2024-09-09.md", b"\xef\xbb\xbf# Sep 9, 2024\r\n\r\n- note\r\n- mixed\n")
    path.chmod(0o640)
    result = cli("fix", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1
    assert "LL303 removed UTF-8 byte-order mark" in result.out
    assert "LL304 converted 3 CRLF line ending(s) to LF (mixed)" in result.out
    assert path.read_bytes() == b"# Sep 9, 2024\n\n- note\n- mixed\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_replacement_character_is_reported_not_changed(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    text = "# Sep 9, 2024\n\n- caf\ufffd au lait\n"
    path = write(root, "log/2024/2024-09-09.md", text)
    result = cli("fix", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1
    assert "log/2024/2024-09-09.md:3:6: LL306" in result.out
    assert path.read_text(encoding="utf-8") == text


def test_control_characters_removed_outside_code() -> None:
    text = "# Sep 9, 2024\n\n- a\x00b\x07c\u0085d `x\x07y`\n"
    assert fix_text(text) == "# Sep 9, 2024\n\n- abcd `x\x07y`\n"


def test_check_mode_writes_nothing_and_diff_shows_change(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    text = "# Sep 9, 2024\n\n- Itâ€™s\n"
    path = write(root, "log/2024/2024-09-09.md", text)
    result = cli("fix", "--check", "--diff", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1
    assert "-- Itâ€™s\n+- It’s\n" in result.out
    assert path.read_text(encoding="utf-8") == text
    found = cli("check", "log/2024/2024-09-09.md", cwd=root)
    assert found.code == 1 and 'LL302 mojibake "Itâ€™s" should read "It’s"' in found.out


def test_clean_file_exits_zero_and_is_not_rewritten(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    path = write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- It’s fine\n")
    before = os.stat(path).st_mtime_ns
    assert cli("fix", cwd=root).code == 0
    assert os.stat(path).st_mtime_ns == before


def test_uncurl_quotes_only_when_configured() -> None:
    text = "# Sep 9, 2024\n\n- it’s “so”\n"
    assert fix_text(text) == text
    on = repair_file(text.encode(), Config(fix=FixConfig(uncurl_quotes=True)), "x.md", FileKind.OTHER)
    assert on.text == '# Sep 9, 2024\n\n- it\'s "so"\n'


def test_date_links_are_rewritten_to_relative_paths(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- x\n")
    path = write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024\n\n- [before](2024-09-09) `[no](2024-09-09)`\n")
    result = cli("fix", "log/2024/2024-09-10.md", cwd=root)
    assert result.code == 1
    assert path.read_text(encoding="utf-8") == "# Sep 10, 2024\n\n- [before](2024-09-09.md) `[no](2024-09-09)`\n"
