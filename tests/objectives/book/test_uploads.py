"""Books waiting for their confirmation: one confirmation takes one, once."""

import os
import threading

from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.book import uploads


def test_two_confirmations_at_once_claim_the_book_once(settings, tmp_path):
    """A double click on «Confirmar e importar»: both requests may read the session before
    either forgets the token; only one of them gets the book."""
    settings.MEDIA_ROOT = tmp_path
    for _ in range(20):
        token = uploads.store(SimpleUploadedFile("libro.xlsx", b"PK libro"))
        barrier, claimed = threading.Barrier(2), []

        def claim(token=token, barrier=barrier, claimed=claimed):
            barrier.wait()
            claimed.append(uploads.claim(token))

        threads = [threading.Thread(target=claim) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        [path] = [path for path in claimed if path is not None]
        assert path.read_bytes() == b"PK libro" and uploads.stored(token) is None
        path.unlink()


def test_a_claimed_book_left_behind_is_purged_with_the_stale_ones(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    path = uploads.claim(uploads.store(SimpleUploadedFile("libro.xlsx", b"PK")))
    os.utime(path, (0, 0))
    uploads.purge_stale(uploads.folder())
    assert not path.exists()
