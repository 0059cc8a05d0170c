// PEP's only script of its own: no inline handlers, so the Content-Security-Policy can forbid them.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits as soon as a language is chosen.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
    // A table wider than a phone scrolls inside its box: the box takes the keyboard focus (so
  // arrow keys scroll it) and is named after the table's heading (WCAG 2.1.1).
  document.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.hasAttribute("tabindex")) return;
    const heading = box.closest("section")?.querySelector("h2, h3");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
  });
  // "Imprimir (A4)" buttons.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});

// Charts are laid out for the screen; on paper they take the A4 page's width (186 mm) and
// go back to the window's after printing.
const PRINT_WIDTH = 680;
window.addEventListener("beforeprint", () => {
  if (!window.Plotly) return;
  document.querySelectorAll(".js-plotly-plot").forEach((plot) => {
    window.Plotly.relayout(plot, { width: PRINT_WIDTH, autosize: false });
  });
});
window.addEventListener("afterprint", () => {
  if (!window.Plotly) return;
  document.querySelectorAll(".js-plotly-plot").forEach((plot) => {
    window.Plotly.relayout(plot, { width: null, autosize: true });
  });
});
  // Irreversible actions ask first; the question is in the form's data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
