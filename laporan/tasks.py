"""Background work of the report (django-tasks; `manage.py db_worker` runs it, tests run it at once).

Only ids travel through the queue: never a passphrase, never report content.
"""

from django_tasks import task

from laporan import services


@task()
def susun_dokumen_final(dokumen_id: int) -> str:
    """Render the approved version's final PDF once (laporan/services.py `dokumen_final_susun`)."""
    return services.dokumen_final_susun(dokumen_id=dokumen_id)
