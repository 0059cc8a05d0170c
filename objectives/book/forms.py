"""The upload form of the web import: a .xlsx book no larger than settings.BOOK_MAX_BYTES."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.formatting import file_size


class BookUploadForm(forms.Form):
    book = forms.FileField(
        label=gettext_lazy("Libro de seguimiento (.xlsx)"),
        help_text=gettext_lazy(
            "El libro de Excel con la hoja «Plataforma» y una hoja por objetivo."
        ),
        widget=forms.FileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def clean_book(self) -> UploadedFile:
        book = self.cleaned_data["book"]
        if Path(book.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(
                _("«%(name)s» no es un libro .xlsx: guárdelo como «Libro de Excel (.xlsx)».")
                % {"name": book.name}
            )
        limit = settings.BOOK_MAX_BYTES
        if book.size > limit:
            raise forms.ValidationError(
                _("El archivo pesa %(size)s; el límite es %(limit)s.")
                % {"size": file_size(book.size), "limit": file_size(limit)}
            )
        return book
