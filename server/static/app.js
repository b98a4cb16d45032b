// storyline: live updates over Server-Sent Events. The pages work without
// this script; with it, new reports appear as they arrive: on the front
// page a new story is added at the top and counts change in place, on a
// story page the report joins the sources table, and a notice offers to
// reload for the recomputed card. Untrusted text goes in as text nodes only.

// Scroll hints: a hint above a box that scrolls sideways shows while the
// box overflows, whatever the screen's width.
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll(".scroller, .table-wrap");
    for (var i = 0; i < boxes.length; i++) {
      var hint = boxes[i].previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) continue;
      var over = boxes[i].scrollWidth > boxes[i].clientWidth + 1;
      hint.classList.toggle("overflows", over);
      hint.classList.toggle("fits", !over);
    }
  }
  mark();
  window.addEventListener("resize", mark);
})();

(function () {
  "use strict";
  var live = document.body.getAttribute("data-live");
  if (!live || !window.EventSource) return;
  var story = live.indexOf("story:") === 0 ? live.slice(6) : "";
  var box = document.getElementById("live");
  var count = 0, stories = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function digits(v) { return String(v).replace(/[^0-9]/g, ""); }

  function notice() {
    var n = Object.keys(stories).length;
    var text = count === 1 ? "1 new report" : count + " new reports";
    text += story ? " in this story. " : (n === 1 ? " in 1 story. " : " in " + n + " stories. ");
    box.textContent = "";
    box.appendChild(document.createTextNode(text));
    var b = el("button", story ? "Reload the card" : "Reload the ranking");
    b.type = "button";
    b.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(b);
    box.hidden = false;
  }

  // Front page: update a listed story, or add a new one at the top.
  function frontPage(e) {
    var id = digits(e.story);
    var li = document.querySelector('li.story[data-story="' + id + '"]');
    if (!li) {
      var list = document.querySelector("ol.stories");
      if (!list) return;
      li = el("li", undefined, "story");
      li.setAttribute("data-story", id);
      var main = el("div", undefined, "story-main");
      var h = el("h2");
      var a = el("a", e.story_title || e.title);
      a.href = "/stories/" + id;
      h.appendChild(a);
      main.appendChild(h);
      var meta = el("p", undefined, "meta");
      meta.appendChild(el("strong", "", "sources"));
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "", "count"));
      meta.appendChild(document.createTextNode(" · new"));
      main.appendChild(meta);
      li.appendChild(main);
      list.insertBefore(li, list.firstChild);
    }
    li.classList.add("fresh");
    var c = li.querySelector(".count");
    if (c && e.articles) c.textContent = plural(e.articles, "article");
    var s = li.querySelector(".sources");
    if (s && e.sources) s.textContent = plural(e.sources, "independent source");
  }

  // Story page: the report joins the sources table.
  function storyPage(e) {
    var body = document.querySelector("#articles tbody");
    if (!body || e.revised) return;
    var tr = el("tr", undefined, "original fresh");
    tr.appendChild(el("td", e.published || ""));
    tr.appendChild(el("td", e.source || ""));
    var td = el("td");
    var a = el("a", e.title || "(untitled)");
    a.href = "/articles/" + digits(e.article);
    td.appendChild(a);
    td.appendChild(el("span", " new", "copies"));
    tr.appendChild(td);
    body.appendChild(tr);
  }

  function onArticle(msg) {
    var e;
    try { e = JSON.parse(msg.data); } catch (err) { return; }
    count++;
    stories[e.story] = true;
    if (story) storyPage(e); else frontPage(e);
    notice();
  }
  var es = null;
  function open() {
    if (es) return;
    es = new EventSource("/events" + (story ? "?story=" + encodeURIComponent(story) : ""));
    es.addEventListener("article", onArticle);
  }
  // A page left for another is closed to the stream: kept in the
  // back/forward cache it would hold one of the six connections a browser
  // opens to a host, and a few such pages stall the next one's loading.
  window.addEventListener("pagehide", function () {
    if (es) { es.close(); es = null; }
  });
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) open();
  });
  open();
})();
