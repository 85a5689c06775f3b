"""Append-only tables: records that must never change once written (access events, chronology).

The ORM refuses updates and deletes; on PostgreSQL a trigger refuses them too, so that
not even a raw SQL statement from the application can rewrite history.
"""

from typing import Any, NoReturn

from django.db import migrations, models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} records are append-only and cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.__name__} records are append-only and cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records are append-only and cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{type(self).__name__} records are append-only and cannot be deleted.")


def _trigger_sql(table: str) -> tuple[str, str]:
    function = f"{table}_append_only"
    create = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{table} is append-only: % is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER {function}
            BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
    """
    drop = f"DROP TRIGGER IF EXISTS {function} ON {table}; DROP FUNCTION IF EXISTS {function}();"
    return create, drop


def forbid_update_and_delete(table: str) -> migrations.RunPython:
    """A migration operation that installs the append-only trigger on PostgreSQL."""
    create, drop = _trigger_sql(table)

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards, elidable=False)
