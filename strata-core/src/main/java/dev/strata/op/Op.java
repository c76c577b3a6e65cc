package dev.strata.op;

/**
 * One change to a schema, in the vocabulary shared by Java revisions, the differ, the renderer and the
 * linter. Every op is an immutable record that knows its own inverse ({@link #reverse()}); the
 * {@link Renderer} is the one place that turns ops into SQL.
 */
public sealed interface Op permits RawSql, ExtensionOp,
        CreateTable, DropTable, RenameTable,
        AddColumn, DropColumn, AlterColumn, RenameColumn, ExpandColumnRename, ContractColumnRename,
        CreateIndex, DropIndex,
        AddConstraint, DropConstraint, ValidateConstraint,
        CreateEnum, AddEnumValue, DropEnum,
        CreateSequence, DropSequence,
        CreateView, DropView,
        SetComment,
        CreateExtension, DropExtension,
        BackfillRows {

    /** The ops that undo this one, or why it cannot be undone. Reversing a reversible op twice gives it back. */
    Reversal reverse();

    /** One line for people: "create table public.users", "add column email to public.users". */
    String describe();
}
