"""Files given to the tool: special files, sizes and shapes, encodings (issue #15 items 3, 8, 9).

Every file argument of every command goes through sim.io.read_user_bytes (or, for outputs,
write_user_bytes): a device, FIFO or directory is refused by name before anything is read or
written, at once; an oversized file before it is read; a CSV with too many columns before pandas
parses it. Bytes in any encoding a planner's file comes in are read exactly or refused in both
languages, never silently garbled.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import io, limits
from sim.baseline import build_baseline
from sim.encoding import decode_text_as
from sim.errors import InputError
from sim.scenarios import parse_scenario_bytes
from tests.fuzz_util import ROOT, assert_refusal, examples, run_cli, tally

POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev files")
LIB = "lib.sqlite3"

# (entry point, argv builder, file suffix): every command line argument that names a file.
ENTRY_POINTS = [
    ("run --baseline", lambda f, d: ["run", "--baseline", f], ".csv"),
    ("run SCENARIO", lambda f, d: ["run", f], ".toml"),
    ("run --targets", lambda f, d: ["run", "--targets", f], ".toml"),
    ("run --out", lambda f, d: ["run", "--out", f], ".csv"),
    ("targets --baseline", lambda f, d: ["targets", "--baseline", f], ".csv"),
    (
        "goalseek --baseline",
        lambda f, d: [
            "goalseek",
            "--target",
            "gdp_growth=5.5",
            "--vary",
            "growth.secondary",
            "--baseline",
            f,
        ],
        ".csv",
    ),
    ("montecarlo --out", lambda f, d: ["montecarlo", "--draws", "100", "--out", f], ".csv"),
    ("sensitivity --out", lambda f, d: ["sensitivity", "--n", "16", "--out", f], ".csv"),
    (
        "track --baseline",
        lambda f, d: ["track", "--months", "6", "--ytd", "gdp_growth=4", "--baseline", f],
        ".csv",
    ),
    ("extract REPORT", lambda f, d: ["extract", f, "--region", "X"], ".txt"),
    ("library import", lambda f, d: ["library", "import", f, "--library", str(d / LIB)], ".json"),
    (
        "library export --out",
        lambda f, d: ["library", "export", "--out", f, "--library", str(d / LIB)],
        ".json",
    ),
    (
        "library save --baseline",
        lambda f, d: ["library", "save", "--name", "x", "--baseline", f, "--library", str(d / LIB)],
        ".csv",
    ),
    ("--library FILE", lambda f, d: ["library", "list", "--library", f], ".sqlite3"),
]
SPECIAL = ["fifo", "dev_zero", "dev_urandom", "directory"]


def special_file(tmp_path: Path, kind: str, suffix: str) -> Path:
    """A FIFO, a symlink to /dev/zero or /dev/urandom, or a directory, named *suffix."""
    p = tmp_path / f"{kind}{suffix}"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "directory":
        p.mkdir()
    else:
        p.symlink_to("/dev/" + kind.removeprefix("dev_"))
    return p


@POSIX
@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize(
    ("entry", "argv", "suffix"), ENTRY_POINTS, ids=[e[0] for e in ENTRY_POINTS]
)
def test_special_file_as_any_argument_is_one_line_at_once(tmp_path, entry, argv, suffix, kind):
    f = special_file(tmp_path, kind, suffix)
    start = time.perf_counter()
    code, _, err = run_cli(argv(str(f), tmp_path), timeout=30)
    took = time.perf_counter() - start
    assert_refusal(code, err)
    assert "regular file" in err or "unknown scenario" in err, err
    assert took < 10, f"{entry}: {took:.1f} s"  # 'at once': no read, no model run first
    tally(f"special file: {entry}", "refused")


@POSIX
def test_fifo_as_baseline_in_a_real_process_exits_at_once(tmp_path):
    """The end-to-end version: a separate `python -m sim` process, which used to block forever."""
    import subprocess
    import sys

    fifo = tmp_path / "b.csv"
    os.mkfifo(fifo)
    start = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "sim", "run", "--baseline", str(fifo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "named pipe (FIFO)" in r.stderr and r.stderr.count("\n") == 1
    assert time.perf_counter() - start < 30


# Inputs read whole (an output may be large; the library file is SQLite's, read by pages).
INPUTS = [e for e in ENTRY_POINTS if "--out" not in e[0] and e[0] != "--library FILE"]


@pytest.mark.parametrize(("entry", "argv", "suffix"), INPUTS, ids=[e[0] for e in INPUTS])
def test_oversized_file_is_refused_before_it_is_read(tmp_path, entry, argv, suffix):
    """A 10 GB sparse file (no disk used) as every input: refused by its size, at once."""
    f = tmp_path / f"big{suffix}"
    with open(f, "wb") as h:
        h.truncate(10_000_000_000)
    start = time.perf_counter()
    code, _, err = run_cli(argv(str(f), tmp_path), timeout=30)
    assert_refusal(code, err, "at most 2 MB")
    assert time.perf_counter() - start < 10
    tally(f"oversized file: {entry}", "refused")


def test_read_user_bytes_reads_at_most_the_limit(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b"a" * 1000)
    assert io.read_user_bytes(f, "x", limit=1000) == b"a" * 1000
    with pytest.raises(InputError, match="at most"):
        io.read_user_bytes(f, "x", limit=999)
    with pytest.raises(InputError, match="file not found"):
        io.read_user_bytes(tmp_path / "missing.csv", "x")
    with pytest.raises(InputError, match="File name too long"):
        io.read_user_bytes(tmp_path / ("a" * 300 + ".csv"), "x")


@POSIX
def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path, monkeypatch):
    """st_size says small, the content is not (as /proc files and devices do): read stops at
    limit + 1 bytes and the file is refused."""
    f = tmp_path / "x.csv"
    f.write_bytes(b"a" * 5000)
    real_stat = os.stat

    class Small:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, k):
            return 0 if k == "st_size" else getattr(self._st, k)

    monkeypatch.setattr(os, "stat", lambda p, *a, **k: Small(real_stat(p, *a, **k)))
    with pytest.raises(InputError, match="at most"):
        io.read_user_bytes(f, "x", limit=1000)


@POSIX
def test_outputs_refuse_special_files_and_write_regular_ones(tmp_path):
    for kind in SPECIAL:
        f = special_file(tmp_path, kind, ".csv")
        with pytest.raises(InputError, match="regular file"):
            io.write_user_bytes(f, b"x")
    out = tmp_path / "out.csv"
    out.write_bytes(b"old content that is longer")
    io.write_user_bytes(out, b"new")
    assert out.read_bytes() == b"new"


def test_output_to_a_missing_directory_is_one_line(tmp_path):
    code, _, err = run_cli(["run", "--out", str(tmp_path / "no" / "such" / "x.csv")])
    assert_refusal(code, err, "--out", "cannot write")


# ---------------------------------------------------------------------------- shapes (item 8)
def test_csv_with_150000_columns_is_refused_before_parsing():
    wide = ",".join(f"c{i}" for i in range(150_000)) + "\n" + ",".join("1" * 150_000) + "\n"
    start = time.perf_counter()
    with pytest.raises(InputError, match="columns; at most 50"):
        io.read_baseline_frame(wide.encode()[: io.MAX_UPLOAD_BYTES])
    assert time.perf_counter() - start < 2  # it took 15 s of parsing before


def test_csv_with_too_many_rows_is_refused():
    head = "region,variable,unit,year,value\n"
    rows = "X,GDP,100m CNY,2023,1\n" * (limits.MAX_CSV_ROWS + 5)
    with pytest.raises(InputError, match=f"at most {limits.MAX_CSV_ROWS}"):
        io.read_baseline_frame((head + rows).encode())


def test_rows_wider_than_the_header_are_refused_fast():
    text = "region,variable,unit,year,value\n" + ",".join(["1"] * 100_000) + "\n"
    start = time.perf_counter()
    with pytest.raises(InputError):
        build_baseline(io.read_baseline_frame(text.encode()))
    assert time.perf_counter() - start < 2


def test_scenario_file_with_50000_unknown_keys_is_refused_in_one_message():
    body = "\n".join(f'"k{i}" = 1' for i in range(50_000))
    data = f'[scenario]\nid = "x"\ntitle_zh = "x"\n[values]\n{body}\n'.encode()
    with pytest.raises(InputError) as e:
        parse_scenario_bytes(data[: io.MAX_UPLOAD_BYTES], "big.toml")
    assert "at most 500" in e.value.text("en") and "最多 500" in e.value.text("zh")


def test_many_bad_keys_list_twenty_and_count_the_rest():
    from sim.metadata import validate_adjustment

    v = validate_adjustment({f"k{i}": 1 for i in range(400)} | {"growth.primary": 999})
    assert len(v.issues) == limits.MAX_ISSUES + 1
    assert "381 more problems" in v.issues[-1].en and "381" in v.issues[-1].zh
    assert v.issues[-1].level == "error"


# ---------------------------------------------------------------------------- encodings (item 9)
SIMPLIFIED = (ROOT / "data" / "baseline_2023.csv").read_text(encoding="utf-8")
# Our own sentences in each script (test data, not quoted from anywhere).
TRADITIONAL = (
    "六盤水市去年地區生產總值達到一千五百五十七億元，比上年增長百分之三點二。原煤產量七千六百萬噸，"
    "發電量四百八十三億千瓦時。一般公共預算收入一百一十億元，稅收佔比百分之六十三點七。今年的主要預期"
    "目標是：地區生產總值增長百分之五點五左右，規模以上工業增加值增長百分之七，單位生產總值能耗下降。"
)
JAPANESE = (
    "六盤水市の昨年の域内総生産は前年比で三点二パーセント増加しました。石炭の生産量は七千六百万トン、"
    "発電量は四百八十三億キロワット時です。今年の目標は経済成長率五点五パーセント前後で、エネルギー消費"
    "原単位を二点八パーセント引き下げることです。"
)
LATIN = (
    "Le produit intérieur brut de la région a augmenté de 3,2 % l'année dernière. La production "
    "de charbon a atteint 76 millions de tonnes ; l'électricité produite, 48,3 milliards de kWh. "
    "Objectif pour l'année : une croissance d'environ 5,5 % et une baisse de l'intensité à 2,8 %. "
    "Größe, Übersicht, naïve, São Paulo, Ærøskøbing, Málaga, Göteborg."
)
CORPORA = {
    "gb18030": SIMPLIFIED,
    "gbk": SIMPLIFIED,
    "big5": TRADITIONAL,
    "shift_jis": JAPANESE,
    "cp1252": LATIN,
}


@examples(300)
@given(data=st.data())
def test_text_in_any_planners_encoding_reads_exactly_or_is_refused(data):
    """Never silently wrong: a slice of real text with at least three non-ASCII characters,
    inside a CSV line, encoded as its script is, comes back exactly or is refused by name."""
    enc = data.draw(st.sampled_from(sorted(CORPORA)))
    corpus = CORPORA[enc]
    n = data.draw(st.integers(3, 200))
    i = data.draw(st.integers(0, max(0, len(corpus) - n)))
    piece = corpus[i : i + n]
    if sum(c > "\x7f" for c in piece) < 3:
        return
    text = f"region,variable,unit,year,value,quote\nX,GDP,100m CNY,2023,1557.64,{piece}\n"
    try:
        raw = text.encode(enc)
    except UnicodeEncodeError:
        return
    try:
        got, used = decode_text_as(raw, "f.csv")
    except InputError as e:
        assert "UTF-8" in e.text("en") and "UTF-8" in e.text("zh")
        assert enc == "cp1252", "a Chinese or Japanese text was refused"
        tally("decode: planner encodings", "refused by name")
        return
    assert got == text, (enc, used, piece)
    tally("decode: planner encodings", "read exactly")


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-32"])
def test_the_embedded_baseline_reads_the_same_in_every_unicode_and_chinese_encoding(enc):
    raw = SIMPLIFIED.encode(enc)
    assert (
        build_baseline(io.read_baseline_frame(raw)).values
        == build_baseline(io.read_baseline_frame(SIMPLIFIED.encode("utf-8"))).values
    )


@pytest.mark.parametrize(
    ("text", "enc"), [(TRADITIONAL, "big5"), (JAPANESE, "shift_jis"), (LATIN, "cp1252")]
)
def test_big5_shift_jis_and_latin1_are_no_longer_read_as_gb18030(text, enc):
    """Issue #15 item 9: these were decoded as GB18030 without a word (numbers kept, text not)."""
    got, used = decode_text_as(text.encode(enc), "f")
    assert used == enc and got == text


@examples(300)
@given(raw=st.binary(max_size=400))
def test_random_bytes_decode_or_are_refused_by_name(raw):
    try:
        text, used = decode_text_as(raw, "f")
    except InputError as e:
        assert e.field == "f" and e.message_zh != e.message_en
        tally("decode: random bytes", "refused by name")
        return
    assert raw.decode(used) == text or used == "utf-8-sig"
    tally("decode: random bytes", f"read as {used}")


def test_refusal_says_what_to_do_in_both_languages():
    data = bytes(range(0x80, 0x100)) * 4  # no language at all
    with pytest.raises(InputError) as e:
        decode_text_as(data, "x.csv")
    assert "UTF-8" in e.value.text("en") and "另存为" in e.value.text("zh")


def test_sqlite_file_named_like_a_csv_is_refused_as_binary(tmp_path):
    f = tmp_path / "b.csv"
    sqlite3.connect(f).execute("CREATE TABLE t (x)").connection.close()
    code, _, err = run_cli(["run", "--baseline", str(f)])
    assert_refusal(code, err, "binary")
