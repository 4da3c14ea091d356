/* The strategy map: lines between cards, and a card's whole thread lit up on click. */
(function () {
  "use strict";
  var map = document.getElementById("smap");
  var data = document.getElementById("smap-links");
  if (!map || !data) { return; }
  var links = JSON.parse(data.textContent);
  var svg = map.querySelector(".smap__lines");
  var panel = document.getElementById("smap-panel");
  var cards = {};
  map.querySelectorAll(".mcard").forEach(function (card) { cards[card.dataset.id] = card; });
  var parents = {}, children = {};
  links.forEach(function (l) {
    (parents[l[0]] = parents[l[0]] || []).push(String(l[1]));
    (children[l[1]] = children[l[1]] || []).push(String(l[0]));
  });
  var focus = null;

  function walk(start, next) {
    var seen = {}, stack = [String(start)];
    while (stack.length) {
      var id = stack.pop();
      (next[id] || []).forEach(function (n) { if (!seen[n]) { seen[n] = true; stack.push(n); } });
    }
    return seen;
  }
  // Where a line ends: the card, or its unit's box when the box is closed.
  function anchor(card) {
    var group = card.closest("details");
    return group && !group.open ? group : card;
  }
  function draw() {
    var box = map.getBoundingClientRect();
    var thread = focus ? threadOf(focus) : null;
    var paths = [];
    links.forEach(function (l) {
      var child = cards[l[0]], parent = cards[l[1]];
      if (!child || !parent) { return; }
      var a = anchor(child).getBoundingClientRect(), b = anchor(parent).getBoundingClientRect();
      if (!a.width || !b.width) { return; }
      var x1 = a.left + a.width / 2 - box.left, x2 = b.left + b.width / 2 - box.left, y1, y2, c1, c2;
      // Edge to edge, never through either card: the child's top to the parent's bottom when
      // the parent is above, the reverse when below; cards in one row are joined by an arc
      // from top edge to top edge, over the row.
      if (a.top >= b.bottom - 1) {
        y1 = a.top - box.top; y2 = b.bottom - box.top; c1 = c2 = (y1 + y2) / 2;
      } else if (a.bottom <= b.top + 1) {
        y1 = a.bottom - box.top; y2 = b.top - box.top; c1 = c2 = (y1 + y2) / 2;
      } else {
        y1 = a.top - box.top; y2 = b.top - box.top;
        c1 = c2 = Math.min(y1, y2) - Math.min(40, 12 + Math.abs(x2 - x1) / 8);
      }
      var on = thread && thread[l[0]] && thread[l[1]];
      paths.push('<path data-link="' + l[0] + '-' + l[1] + '" ' + (on ? 'class="is-thread" ' : '') + 'd="M' + x1 + ',' + y1 + ' C' + x1 + ',' + c1 +
        ' ' + x2 + ',' + c2 + ' ' + x2 + ',' + y2 + '"/>');
    });
    svg.setAttribute("viewBox", "0 0 " + box.width + " " + box.height);
    svg.innerHTML = paths.join("");
  }
  function threadOf(id) {
    var up = walk(id, parents), down = walk(id, children), all = {};
    Object.keys(up).concat(Object.keys(down)).forEach(function (k) { all[k] = true; });
    all[String(id)] = true;
    return all;
  }
  function select(id) {
    focus = id;
    map.classList.toggle("smap--focus", !!id);
    Object.keys(cards).forEach(function (k) {
      cards[k].classList.remove("is-thread", "is-focus");
      cards[k].setAttribute("aria-pressed", "false");
    });
    if (id) {
      var thread = threadOf(id), above = Object.keys(walk(id, parents)).length,
        below = Object.keys(walk(id, children)).length;
      Object.keys(thread).forEach(function (k) {
        if (cards[k]) { cards[k].classList.add("is-thread"); }
      });
      cards[id].classList.add("is-focus");
      cards[id].setAttribute("aria-pressed", "true");
      if (panel) {
        panel.querySelector("[data-code]").textContent = cards[id].dataset.code;
        panel.querySelector("[data-title]").textContent = cards[id].dataset.title;
        panel.querySelector("[data-counts]").textContent = above + " above, " + below + " below";
        panel.querySelector("a").href = cards[id].dataset.href;
        panel.classList.add("is-open");
      }
    } else if (panel) {
      panel.classList.remove("is-open");
    }
    markGroups();
    draw();
  }
  // A unit group holding part of the lit thread is lit too, with how many of its cards are
  // on the thread, so that a closed group tells the user to open it.
  function markGroups() {
    map.querySelectorAll("details").forEach(function (group) {
      var n = group.querySelectorAll(".mcard.is-thread").length;
      var badge = group.querySelector("[data-lit]");
      group.classList.toggle("is-thread", n > 0);
      if (badge) {
        badge.textContent = n + " on this thread";
        badge.hidden = n === 0;
      }
    });
  }
  map.addEventListener("click", function (event) {
    if (event.target.closest("a")) { return; }
    var card = event.target.closest(".mcard");
    if (!card) { return; }
    select(focus === card.dataset.id ? null : card.dataset.id);
  });
  map.addEventListener("keydown", function (event) {
    var card = event.target.closest(".mcard");
    if (card && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(focus === card.dataset.id ? null : card.dataset.id);
    }
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { select(null); } });
  map.querySelectorAll("details").forEach(function (d) { d.addEventListener("toggle", draw); });
  document.querySelectorAll("[data-smap-all]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.dataset.smapAll === "open";
      map.querySelectorAll("details").forEach(function (d) { d.open = open; });
      draw();
    });
  });
  if (panel) { panel.querySelector("button").addEventListener("click", function () { select(null); }); }
  window.addEventListener("resize", draw);
  draw();
  map.dataset.ready = "true";
})();
