"""The evidence store: the only package that speaks SQL.

Every function takes the database as its first argument, so the web app, the
command line and the tests share one API (`from sprintlab import db as store`,
then `store.record_answers(db, ...)`). The schema comes from named,
append-only migrations in schema.py. Every write goes through one helper,
`write_transaction` (transactions.py), which waits a bounded time for the
write lock and then raises `Busy`.
"""

from sprintlab.db.accounts import (  # noqa: F401 - the package's API
    claim_login_attempt,
    end_sessions,
    forgive_login_attempts,
    insert_user,
    set_password_hash,
    user_by_id,
    user_by_name,
    users,
)
from sprintlab.db.connection import (  # noqa: F401 - the package's API
    BUSY_TIMEOUT_MS,
    connect,
    holds_participants,
    migrate,
    now,
    open_db,
)
from sprintlab.db.drafts import (  # noqa: F401 - the package's API
    drafts_of,
    forget_drafts,
    mark_opened,
    save_draft,
    switch_language,
    translations_of,
)
from sprintlab.db.exposure import (  # noqa: F401 - the package's API
    exposure_rows,
)
from sprintlab.db.files import (  # noqa: F401 - the package's API
    Gone,
    NotAStore,
    StoreError,
    check_file,
)
from sprintlab.db.keys import (  # noqa: F401 - the package's API
    record_secret_fingerprint,
    secret_fingerprint,
)
from sprintlab.db.monitor import (  # noqa: F401 - the package's API
    fieldwork_times,
    group_counts,
    progress_counts,
    variant_progress,
)
from sprintlab.db.notes import (  # noqa: F401 - the package's API
    decisions_of_study,
    insert_decisions,
    insert_note,
    notes_of_study,
    notes_version,
)
from sprintlab.db.participants import (  # noqa: F401 - the package's API
    assignments_of,
    complete_participant,
    has_event,
    insert_participant,
    likert_values,
    log_event,
    mark_shown,
    participant_by_token,
    participant_count,
    participant_counts,
    record_answers,
    record_segment_answers,
    stop_participant,
    variant_counts,
    withdraw_participant,
)
from sprintlab.db.plans import (  # noqa: F401 - the package's API
    assigned_templates,
    insert_preregistration,
    latest_segmentation,
    preregistration_of,
    save_segmentation,
    seen_study_versions,
    seen_templates,
)
from sprintlab.db.reading import (  # noqa: F401 - the package's API
    analysis_answers,
    analysis_assignments,
    analysis_segments,
    answers_for_export,
    data_version,
    segment_answers_for_export,
)
from sprintlab.db.schema import (  # noqa: F401 - the package's API
    migrations,
)
from sprintlab.db.study_states import (  # noqa: F401 - the package's API
    set_study_state,
    study_state,
    study_state_changes,
    study_state_reason,
)
from sprintlab.db.testday import (  # noqa: F401 - the package's API
    latest_participant,
    link_slot,
    participant_progress,
    save_testday,
    slot_assignments,
    slot_of_participant,
    slot_ratings,
    start_slot,
    testday,
    testday_slots,
)
from sprintlab.db.transactions import (  # noqa: F401 - the package's API
    WRITE_WAIT_SECONDS,
    Busy,
    write_transaction,
)
from sprintlab.db.versions import (  # noqa: F401 - the package's API
    answer_counts_by_version,
    answers_by_message_version,
    record_template_edit,
    store_study_version,
    store_template_version,
    study_version,
    study_versions,
    template_edits,
    template_version,
    template_versions,
)
