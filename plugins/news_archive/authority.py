"""The editors' name authority: `content/entities/*.md` or `*.txt`, applied to the generated one
(data/entities.json). Pure: no Pelican, no file system.

A file is a list of blocks. A block starts with an operation line; Add and Rename blocks go on
with field lines; a blank line (or the next operation line) ends a block. Lines starting with
`#` are comments (Markdown headings in a .md file).

    Add: hamid_karimi                    a new entity (id: lowercase ASCII, digits, _; or a QID)
    Type: person                         person | place | organisation
    Name-ar: حميد كريمي                   the names shown (Name-en and Name-ar or Name-fa required)
    Name-fa: حمید کریمی
    Name-en: Hamid Karimi
    Variants: حميد كريمي، Hamid Karimi    the spellings that tag a text (separated by , or ،)
    Aliases: Karimi                      optional: spellings for search only
    Wikidata: Q…                         optional

    Rename: peskov                       new names for an entity; its id (and URL) stay
    Name-en: Dmitry S. Peskov

    Variants: peskov + بسكوف، پسكوف       more spellings for an entity
    Merge: russian_peacekeepers into russian_armed_forces
                                         the first's spellings and reports go to the second;
                                         its page entities/<first>.html redirects there
    Hide: some_id                        never tagged and no page; entities/<id>.html becomes a
                                         "withdrawn" page (a cited address keeps answering)

Files are applied together, whatever their order: Adds first (so any block may name an added
entity), then Variants, Renames, Merges (chains followed: a into b, b into c puts a in c) and
Hides. Every problem stops the build naming `file:line`: a file that is not UTF-8 or larger than
MAX_BYTES, a line that is not `Key: value`, an unknown operation or field, a field given twice or
empty, a missing field, an unknown type or id (with the nearest known ids), an id added twice or
already in the authority, a Wikidata QID another entity has, a spelling with no letters, one that
repeats another after folding, one that another entity already has (folded as tagging folds it),
one that would never tag on its own (`entities.usable_variant`: under three letters or a common
word; write it under Aliases), a rename, hide or merge given twice for one id, edits of an entity
merged away or hidden, a merge into a hidden entity, and merges in a cycle.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .clean import EditorFileError, editor_text
from .entities import ID_PATTERN, NAME_LANGS, QID_PATTERN, TYPES, Entity, usable_variant, variant_tokens

MAX_BYTES = 200_000  # as an annotation: about 2,000 entities a file
SUFFIXES = (".md", ".txt")
OPERATIONS = ("add", "rename", "variants", "merge", "hide")
FIELDS: dict[str, tuple[str, ...]] = {
    "add": ("type", "name-ar", "name-fa", "name-en", "variants", "aliases", "wikidata"),
    "rename": ("name-ar", "name-fa", "name-en"),
    "variants": (),
    "merge": (),
    "hide": (),
}
EDITOR_KIND = "editor"  # the `kind` of an entity an editor added
_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_-]*)\s*:\s*(?P<value>.*)$")
_MERGE = re.compile(r"^(?P<old>\S+)\s+into\s+(?P<new>\S+)$", re.IGNORECASE)
_PLUS = re.compile(r"^(?P<id>[^\s+]+)\s*\+\s*(?P<rest>.*)$")
_SEPARATOR = re.compile(r"[,،]")


class AuthorityError(ValueError):
    def __init__(self, path: str, line: int, problem: str):
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass
class Block:
    """One operation of an editor's file, as written."""

    op: str  # one of OPERATIONS
    id: str  # the entity it is about (for a merge: the one merged away)
    path: str
    line: int
    into: str = ""  # merge: the entity that stays
    spellings: tuple[str, ...] = ()  # variants: the spellings added
    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # field -> its line

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def fail(self, problem: str, key: str | None = None) -> AuthorityError:
        return AuthorityError(self.path, self.lines.get(key, self.line) if key else self.line, problem)


@dataclass(frozen=True)
class Merge:
    old: str  # the entity merged away: entities/<old>.html redirects
    new: str  # the entity it ends in (after any chain of merges)
    source: str  # "file:line" of the Merge line


@dataclass(frozen=True)
class Hidden:
    entity: Entity  # as it was before it was hidden (its names, for the candidates' "known")
    source: str  # "file:line" of the Hide line


@dataclass(frozen=True)
class Authority:
    entities: tuple[Entity, ...]  # what tags the reports
    merges: tuple[Merge, ...] = ()
    hidden: tuple[Hidden, ...] = ()
    digest: str = ""  # of the editors' files (names and bytes): part of the build's cache keys


# --- reading ----------------------------------------------------------------------------------
def load_file(path: str, data: bytes) -> list[Block]:
    """An authority file's bytes, checked (size, UTF-8), cleaned like a seed, then parsed."""
    try:
        text = editor_text(data, MAX_BYTES, "split it into several files")
    except EditorFileError as error:
        raise AuthorityError(path, error.line, error.message) from None
    return parse_file(path, text)


def _shown(key: str) -> str:
    """A field as editors write it: Type, Name-ar."""
    return key[:1].upper() + key[1:]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _SEPARATOR.split(value) if part.strip())


def _check_id(value: str, path: str, line: int) -> str:
    if not ID_PATTERN.match(value):
        raise AuthorityError(
            path, line, f"{value!r} is not an entity id (lowercase ASCII letters, digits and '_', or a Wikidata QID)"
        )
    return value


def _start(key: str, value: str, path: str, line: int) -> Block:
    """The block an operation line starts."""
    if not value:
        raise AuthorityError(path, line, f"{key.capitalize()}: names no entity")
    if key == "merge":
        match = _MERGE.match(value)
        if not match:
            raise AuthorityError(path, line, f"expected 'Merge: <id> into <id>', got {value!r}")
        old, new = _check_id(match["old"], path, line), _check_id(match["new"], path, line)
        if old == new:
            raise AuthorityError(path, line, f"{old!r} cannot be merged into itself")
        return Block("merge", old, path, line, into=new)
    if key == "variants":
        match = _PLUS.match(value)
        if not match:
            raise AuthorityError(path, line, f"expected 'Variants: <id> + spelling، spelling', got {value!r}")
        spellings = _split(match["rest"])
        if not spellings:
            raise AuthorityError(path, line, f"Variants: adds no spelling to {match['id']!r}")
        return Block("variants", _check_id(match["id"], path, line), path, line, spellings=spellings)
    if len(value.split()) != 1:
        raise AuthorityError(path, line, f"expected '{key.capitalize()}: <id>', got {value!r}")
    return Block(key, _check_id(value, path, line), path, line)


def parse_file(path: str, text: str) -> list[Block]:
    """The blocks of one file; `path` is only used to name the file in errors."""
    blocks: list[Block] = []
    current: Block | None = None
    for lineno, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise AuthorityError(path, lineno, f"expected 'Key: value' (such as 'Add: <id>'), got {line!r}")
        name, key, value = match["key"], match["key"].lower(), match["value"].strip()
        in_add = current is not None and current.op == "add"
        if key in ("add", "rename", "merge", "hide") or (key == "variants" and not in_add):
            current = _start(key, value, path, lineno)
            blocks.append(current)
            continue
        if current is None:
            if any(key in fields for fields in FIELDS.values()):
                where = "outside a block: start the block with an Add: or Rename: line, with no blank line between"
                raise AuthorityError(path, lineno, f"{name}: is {where}")
            known = ", ".join(op.capitalize() for op in OPERATIONS)
            raise AuthorityError(path, lineno, f"unknown operation {name!r} (known: {known})")
        known_fields = FIELDS[current.op]
        if key not in known_fields:
            if not known_fields:
                raise AuthorityError(
                    path, lineno, f"a {current.op.capitalize()}: line takes no fields: put a blank line before {name}:"
                )
            listed = ", ".join(_shown(f) for f in known_fields)
            block_name = "an Add: block" if current.op == "add" else f"a {current.op.capitalize()}: block"
            raise AuthorityError(
                path,
                lineno,
                f"unknown field {name!r} in {block_name} (known: {listed})",
            )
        if key in current.fields:
            raise AuthorityError(path, lineno, f"field {name!r} given twice (first at line {current.lines[key]})")
        if not value:
            raise AuthorityError(path, lineno, f"field {name!r} is empty")
        current.fields[key], current.lines[key] = value, lineno
    return blocks


# --- applying ---------------------------------------------------------------------------------
Folded = tuple[str, ...]


class _State:
    """The entities being edited, with the owner of every folded spelling."""

    def __init__(self, base: Iterable[Entity], common: frozenset[str]):
        self.entities: dict[str, Entity] = {e.id: e for e in base}
        self.common = common
        self.owner: dict[Folded, str] = {}
        self.by_qid: dict[str, str] = {}
        for entity in self.entities.values():
            for variant in entity.variants:
                self.owner.setdefault(variant_tokens(variant), entity.id)
            qid = entity.wikidata or (entity.id if QID_PATTERN.match(entity.id) else "")
            if qid:
                self.by_qid.setdefault(qid, entity.id)
        self.added: dict[str, Block] = {}

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return f"{entity_id!r} ({entity.names.get('en', '')})" if entity else repr(entity_id)

    def unknown(self, block: Block, entity_id: str) -> AuthorityError:
        near = difflib.get_close_matches(entity_id, list(self.entities), n=3, cutoff=0.75)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        return block.fail(f"unknown entity id {entity_id!r} (not in the name authority, nor added by an Add:{hint})")

    def spellings(self, block: Block, entity_id: str, spellings: Sequence[str], key: str | None) -> list[str]:
        """The new spellings, checked against every entity's (and each other), then owned."""
        mine = {variant_tokens(v): v for v in self.entities[entity_id].variants} if entity_id in self.entities else {}
        kept: list[str] = []
        for spelling in spellings:
            folded = variant_tokens(spelling)
            if not folded:
                raise block.fail(f"the spelling {spelling!r} has no letters", key)
            if folded in mine:
                raise block.fail(
                    f"the spelling {spelling!r} repeats {mine[folded]!r} after folding (they match the same "
                    "words): keep one",
                    key,
                )
            owner = self.owner.get(folded)
            if owner is not None:
                raise block.fail(
                    f"the spelling {spelling!r} is already a spelling of {self.label(owner)}: a text naming it "
                    "could not tell the two apart (merge them, or write a longer form)",
                    key,
                )
            if usable_variant(folded, self.common) is None:
                raise block.fail(
                    f"the spelling {spelling!r} would never tag a report on its own (under three letters, or a "
                    "common word): write a longer form, or put it under Aliases: (search only)",
                    key,
                )
            mine[folded] = spelling
            kept.append(spelling)
        for spelling in kept:
            self.owner[variant_tokens(spelling)] = entity_id
        return kept


def _names(block: Block, names: dict[str, str]) -> dict[str, str]:
    for lang in NAME_LANGS:
        if f"name-{lang}" in block.fields:
            names[lang] = block.fields[f"name-{lang}"]
    return names


def _add(state: _State, block: Block) -> None:
    if block.id in state.added:
        raise block.fail(f"{block.id!r} is already added at {state.added[block.id].where}")
    if block.id in state.entities:
        raise block.fail(f"{state.label(block.id)} is already in the name authority: use Rename: or Variants:")
    missing = [f"{_shown(f)}:" for f in ("type", "name-en", "variants") if f not in block.fields]
    if not ("name-ar" in block.fields or "name-fa" in block.fields):
        missing.append("Name-ar: or Name-fa:")
    if missing:
        raise block.fail(f"an Add: block needs {', '.join(missing)}")
    kind = block.fields["type"].lower()
    if kind not in TYPES:
        raise block.fail(f"unknown type {block.fields['type']!r} (expected one of {', '.join(TYPES)})", "type")
    wikidata = block.fields.get("wikidata", block.id if QID_PATTERN.match(block.id) else "")
    if wikidata and not QID_PATTERN.match(wikidata):
        raise block.fail(f"Wikidata must be a QID such as Q7747, got {wikidata!r}", "wikidata")
    if QID_PATTERN.match(block.id) and wikidata != block.id:
        raise block.fail(f"an id that is a QID must be its Wikidata QID ({block.id}), got {wikidata!r}", "wikidata")
    if wikidata in state.by_qid:
        raise block.fail(f"{wikidata} is already the entity {state.label(state.by_qid[wikidata])}", "wikidata")
    state.added[block.id] = block
    variants = _split(block.fields["variants"])
    if not variants:
        raise block.fail("Variants: lists no spelling", "variants")
    entity = Entity(
        block.id,
        kind,
        _names(block, {}),
        (),
        _split(block.fields.get("aliases", "")),
        EDITOR_KIND,
        wikidata,
    )
    state.entities[block.id] = entity
    if wikidata:
        state.by_qid[wikidata] = block.id
    kept = state.spellings(block, block.id, variants, "variants")
    state.entities[block.id] = replace(entity, variants=tuple(kept))


def _first(blocks: Iterable[Block], op: str, state: _State) -> dict[str, Block]:
    """The block of each id for `op` (one per id), after checking the id exists."""
    found: dict[str, Block] = {}
    for block in blocks:
        if block.op != op:
            continue
        if block.id not in state.entities:
            raise state.unknown(block, block.id)
        if block.id in found:
            done = {"merge": "merged", "hide": "hidden", "rename": "renamed"}[op]
            raise block.fail(f"{block.id!r} is already {done} at {found[block.id].where}")
        found[block.id] = block
    return found


def _merge_targets(merges: dict[str, Block], hides: dict[str, Block], state: _State) -> dict[str, str]:
    """Each merged-away id -> the id it ends in, after checking targets and cycles."""
    final: dict[str, str] = {}
    for old, block in merges.items():
        if block.into not in state.entities:
            raise state.unknown(block, block.into)
        if block.into in hides:
            raise block.fail(f"{block.into!r} is hidden at {hides[block.into].where}: merge into an entity that stays")
        if old in hides:
            raise block.fail(f"{old!r} is hidden at {hides[old].where}: hide it or merge it, not both")
        chain, target = [old], block.into
        while target in merges:
            if target in chain:
                cycle = " -> ".join([*chain[chain.index(target) :], target])
                raise block.fail(f"merges in a cycle: {cycle} (each entity must end in one that stays)")
            chain.append(target)
            target = merges[target].into
        final[old] = target
    return final


def apply(base: Sequence[Entity], files: Sequence[tuple[str, bytes]], common: frozenset[str]) -> Authority:
    """The authority after the editors' files: (file name as shown in errors, its bytes), in order.
    `common`: the common words a one-word spelling must not be (`entities.common_words`)."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    if not files:
        return Authority(tuple(base), digest=digest.hexdigest())
    blocks = [block for name, data in files for block in load_file(name, data)]
    state = _State(base, common)
    for block in blocks:
        if block.op == "add":
            _add(state, block)
    renames = _first(blocks, "rename", state)
    merges = _first(blocks, "merge", state)
    hides = _first(blocks, "hide", state)

    def editable(block: Block) -> None:
        if block.id not in state.entities:
            raise state.unknown(block, block.id)
        if block.id in merges:
            into = merges[block.id].into
            raise block.fail(f"{block.id!r} is merged into {into!r} at {merges[block.id].where}: edit {into!r}")
        if block.id in hides:
            raise block.fail(f"{block.id!r} is hidden at {hides[block.id].where}")

    for block in blocks:
        if block.op == "variants":
            editable(block)
            added = state.spellings(block, block.id, block.spellings, None)
            entity = state.entities[block.id]
            state.entities[block.id] = replace(entity, variants=(*entity.variants, *added))
    for block in renames.values():
        editable(block)
        if not any(f"name-{lang}" in block.fields for lang in NAME_LANGS):
            raise block.fail("a Rename: block needs Name-ar:, Name-fa: or Name-en:")
        entity = state.entities[block.id]
        state.entities[block.id] = replace(entity, names=_names(block, dict(entity.names)))
    final = _merge_targets(merges, hides, state)
    for old in merges:
        gone_entity, target = state.entities.pop(old), state.entities[final[old]]
        aliases = dict.fromkeys((*target.aliases, *gone_entity.names.values(), *gone_entity.aliases))
        adjectives = {lang: tuple(words) for lang, words in target.adjectives.items()}
        for lang, words in gone_entity.adjectives.items():
            adjectives[lang] = tuple(dict.fromkeys((*adjectives.get(lang, ()), *words)))
        state.entities[target.id] = replace(
            target,
            variants=(*target.variants, *gone_entity.variants),
            aliases=tuple(a for a in aliases if a not in target.names.values()),
            adjectives=adjectives,
        )
    hidden = tuple(Hidden(state.entities.pop(entity_id), block.where) for entity_id, block in hides.items())
    return Authority(
        tuple(state.entities.values()),
        tuple(Merge(old, final[old], merges[old].where) for old in merges),
        hidden,
        digest.hexdigest(),
    )
