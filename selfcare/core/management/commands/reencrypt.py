from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from selfcare.core.fields import EncryptedJSONField, EncryptedTextField, rotate

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the newest key in FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField | EncryptedJSONField)]
            if not fields:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            last = None
            while True:
                with transaction.atomic(), connection.cursor() as cursor:
                    where = f"WHERE {pk} > %s " if last is not None else ""
                    params = [last] if last is not None else []
                    # Table and column names come from the model; values travel as parameters.
                    select = f"SELECT {pk}, {columns} FROM {table} {where}ORDER BY {pk} LIMIT {BATCH}"  # noqa: S608
                    cursor.execute(select, params)
                    rows = cursor.fetchall()
                    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
                    for row in rows:
                        values = [rotate(value) if value else value for value in row[1:]]
                        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [*values, row[0]])  # noqa: S608
                if not rows:
                    break
                last = rows[-1][0]
                total += len(rows)
            self.stdout.write(f"{model._meta.label}: re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} rows now use the newest key."))
