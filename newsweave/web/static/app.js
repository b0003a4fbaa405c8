// newsweave web UI: highlight cited spans and filter the claim matrix. No inline scripts
// (the content security policy forbids them); article text is only ever set as text.
"use strict";

const originals = new Map();

function articleElement(articleId) {
  for (const el of document.querySelectorAll(".article-text")) {
    if (el.dataset.article === articleId) return el;
  }
  return null;
}

function clearHighlights() {
  for (const [el, text] of originals) el.textContent = text;
  originals.clear();
  for (const b of document.querySelectorAll(".cite.active")) b.classList.remove("active");
}

function highlight(button) {
  const el = articleElement(button.dataset.article);
  if (!el) return;
  clearHighlights();
  const text = el.textContent;
  const start = Number(button.dataset.start);
  const end = Number(button.dataset.end);
  if (!(start >= 0 && end > start && end <= text.length)) return;
  originals.set(el, text);
  const mark = document.createElement("mark");
  mark.className = "cited";
  mark.textContent = text.slice(start, end);
  el.replaceChildren(document.createTextNode(text.slice(0, start)), mark,
    document.createTextNode(text.slice(end)));
  button.classList.add("active");
  mark.scrollIntoView({ block: "center" });
}

function filterClaims(status) {
  for (const row of document.querySelectorAll(".claim-row")) {
    row.hidden = Boolean(status) && row.dataset.status !== status;
  }
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.cite");
  if (button) highlight(button);
});

document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("status-filter");
  if (select) {
    select.addEventListener("change", () => filterClaims(select.value));
    filterClaims(select.value);
  }
});
