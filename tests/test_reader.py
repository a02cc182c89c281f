"""Reading seeds: front matter, paragraphs, headlines, and one clear line per unusable file."""

import pytest

from briefing.reader import SeedError, parse_seed, read_seeds


def test_front_matter_and_paragraphs():
    source = parse_seed("a.txt", b"---\ntitle: A title\npublished: 2023-04-01\n---\nFirst.\n\nSecond.\n")
    assert source.get("title") == "A title"
    assert source.get("published") == "2023-04-01"
    assert source.paragraphs == ("First.", "Second.")


def test_a_short_first_line_is_the_headline_when_there_is_no_front_matter():
    source = parse_seed("a.txt", b"Blair backs 'pre-election budget'\n\nTony Blair has backed it.\n")
    assert source.get("title") == "Blair backs 'pre-election budget'"
    assert source.paragraphs == ("Tony Blair has backed it.",)


def test_a_first_paragraph_that_ends_like_a_sentence_is_text():
    source = parse_seed("a.txt", b"Short and complete.\n\nSecond.\n")
    assert source.get("title") is None
    assert source.paragraphs == ("Short and complete.", "Second.")


def test_bom_crlf_and_blank_lines_read_like_clean_text():
    clean = parse_seed("a.txt", "One “two”.\n\nThree.\n".encode())
    odd = parse_seed("a.txt", "\ufeffOne “two”.  \r\n\r\n\r\n\r\nThree.\r\n".encode())
    assert odd.paragraphs == clean.paragraphs


@pytest.mark.parametrize("data, reason", [
    (b"", "no text"),
    (b"  \n\n ", "no text"),
    (b"\x89PNG\x00\x00", "binary data, not text"),
    (b"caf\x81 \x8d", "not UTF-8 (byte 3); re-save as UTF-8"),  # not Windows-1252 either
    (bytes(range(1, 32)) * 10, "binary data, not text"),
    (b"---\ntitle: [unclosed\n---\ntext\n", "front matter is not valid YAML at line 3"),
    (b"---\ncolour: red\n---\ntext\n",
     "unknown front matter key 'colour' (allowed: title, source, url, published, author, slug)"),
])
def test_unusable_seeds(data, reason):
    with pytest.raises(SeedError) as error:
        parse_seed("bad.txt", data)
    assert str(error.value) == reason


def test_every_bad_seed_is_reported(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "good.txt").write_text("Fine.\n")
    sources, errors = read_seeds(tmp_path)
    assert [s.name for s in sources] == ["good.txt"]
    assert errors == [f"{tmp_path.name}/binary.txt: binary data, not text", f"{tmp_path.name}/empty.txt: no text"]


def test_windows_1252_is_read_and_flagged():
    source = parse_seed("old.txt", "Caf\u00e9 \u201cquoted\u201d \u2013 done.".encode("cp1252"))
    assert source.paragraphs == ("Caf\u00e9 \u201cquoted\u201d \u2013 done.",)
    assert source.encoding == "cp1252"
