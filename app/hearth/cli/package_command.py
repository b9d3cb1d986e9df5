"""`hearth preview DATASET` and `hearth package build|open`: what a buyer gets, sealed and opened.

The packages layer is imported inside each command: it pulls in pyarrow and age, which the
other commands do not need to start.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hearth.cli import output
from hearth.cli.commands import command, open_vault
from hearth.cli.consent_command import resolve_dataset
from hearth.consent.policy import checked_address, parse_purpose
from hearth.errors import UsageError
from hearth.progress import CancelToken


@command("preview")
def preview_package(args: argparse.Namespace) -> int:
    from hearth.packages.preview import preview

    if args.rows < 0:
        raise UsageError("--rows takes a number of sample rows, 0 or more.")
    buyer = checked_address(args.buyer) if args.buyer else None
    bar = output.ProgressBar()
    with open_vault(args) as vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        try:
            seen = preview(
                vault,
                dataset_id,
                sample_rows=args.rows,
                buyer=buyer,
                progress=bar,
                cancel=CancelToken(),
            )
        finally:
            bar.finish()
    if args.json:
        output.emit_json({"dataset": dataset_id, **seen.to_json()})
        return 0
    output.say(f"A buyer of dataset {dataset_id} would receive {seen.rows} rows:")
    for table in seen.tables:
        output.say(f"\n{table.name}: {table.rows} rows")
        if table.sample:
            output.say(output.table(table.columns, table.sample))
        else:
            output.say("  columns: " + ", ".join(table.columns))
    if seen.removed_sentences:
        output.say("\nRemoved before anything leaves the vault:")
        for sentence in seen.removed_sentences:
            output.say(f"  - {sentence}")
    output.say(f"\nTerms hash  {seen.terms_hash}\nMerkle root {seen.merkle_root}")
    return 0


@command("package build")
def package_build(args: argparse.Namespace) -> int:
    from hearth.packages.build import build_package, parse_recipient

    # Everything the command line says is checked before the passphrase is asked for.
    parse_recipient(args.recipient)
    purpose = parse_purpose(args.purpose) if args.purpose else None
    buyer = checked_address(args.buyer) if args.buyer else None
    out: Path = args.out
    bar = output.ProgressBar()
    with open_vault(args) as vault:
        dataset_id = resolve_dataset(vault, args.dataset)
        try:
            built = build_package(
                vault,
                dataset_id,
                recipient=args.recipient,
                out=out,
                purpose=purpose,
                buyer=buyer,
                progress=bar,
                cancel=CancelToken(),
            )
        finally:
            bar.finish()
    return output.finish(
        args.json,
        built.to_json(),
        f"Wrote {built.path}: {built.rows} rows, {built.bytes} bytes, encrypted to the "
        f"recipient.\nMerkle root {built.merkle_root}\nTerms hash  {built.terms_hash}",
    )


@command("package open")
def package_open(args: argparse.Namespace) -> int:
    from hearth.packages.open import open_package

    bar = output.ProgressBar()
    try:
        opened = open_package(
            args.file, args.identity, args.out, progress=bar, cancel=CancelToken()
        )
    finally:
        bar.finish()
    return output.finish(
        args.json,
        opened.to_json(),
        f"Verified: every file matches Merkle root {opened.merkle_root}. "
        f"{opened.rows} rows in {len(opened.files)} files are in {opened.out_dir}.",
    )


# ------------------------------------------------------------------ the grammar


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    """Declare `preview` and `package build|open` under the top-level COMMAND sub-parsers."""

    def add(
        under: argparse._SubParsersAction[argparse.ArgumentParser],
        name: str,
        full_name: str,
        help_text: str,
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = under.add_parser(
            name, parents=[shared], help=help_text, description=help_text
        )
        p.set_defaults(command=full_name)
        return p

    preview_p = add(sub, "preview", "preview", "show exactly what a buyer of a dataset would get")
    preview_p.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    preview_p.add_argument(
        "--rows", type=int, default=10, metavar="N", help="sample rows per table (default 10)"
    )
    preview_p.add_argument("--buyer", metavar="ADDR", help="as this buyer would get it")

    package_p = sub.add_parser("package", help="build or open an encrypted data package")
    package = package_p.add_subparsers(
        dest="package_command", metavar="ACTION", required=True, parser_class=type(package_p)
    )
    build = add(package, "build", "package build", "build a dataset's package for one buyer")
    build.add_argument("dataset", metavar="DATASET", help="its id or exact title")
    build.add_argument(
        "--recipient", required=True, metavar="age1...", help="the buyer's age public key"
    )
    build.add_argument("--out", type=Path, required=True, metavar="FILE", help="the package file")
    build.add_argument("--purpose", metavar="P", help="the buyer's purpose (checked)")
    build.add_argument("--buyer", metavar="ADDR", help="the buyer's address (checked)")

    open_p = add(package, "open", "package open", "decrypt a package and verify every file")
    open_p.add_argument("file", type=Path, metavar="FILE")
    open_p.add_argument(
        "--identity", type=Path, required=True, metavar="KEYFILE", help="your age identity file"
    )
    open_p.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to put it")
