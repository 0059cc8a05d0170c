// PEP's only script of its own: no inline handlers, so the Content-Security-Policy can forbid them.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits as soon as a language is chosen.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Irreversible actions ask first; the question is in the form's data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
