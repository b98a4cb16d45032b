// storyline: live updates over Server-Sent Events. The pages work without
// this script; with it, a notice tells when new reports arrive.
(function () {
  "use strict";
  var live = document.body.getAttribute("data-live");
  if (!live || !window.EventSource) return;
  var story = live.indexOf("story:") === 0 ? live.slice(6) : "";
  var url = "/events" + (story ? "?story=" + encodeURIComponent(story) : "");
  var box = document.getElementById("live");
  var count = 0, stories = {};

  function show() {
    var n = Object.keys(stories).length;
    // Built with text nodes only: titles are untrusted.
    box.textContent = "";
    var text = count === 1 ? "1 new report" : count + " new reports";
    if (!story) text += n === 1 ? " in 1 story. " : " in " + n + " stories. ";
    else text += " in this story. ";
    box.appendChild(document.createTextNode(text));
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = "Show";
    b.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(b);
    box.hidden = false;
  }

  function mark(e) {
    var li = document.querySelector('li.story[data-story="' + String(e.story).replace(/[^0-9]/g, "") + '"]');
    if (!li) return;
    li.classList.add("fresh");
    var c = li.querySelector(".count");
    if (c && e.articles) c.textContent = e.articles + (e.articles === 1 ? " article" : " articles");
    var s = li.querySelector(".sources");
    if (s && e.sources) s.textContent = e.sources + (e.sources === 1 ? " independent source" : " independent sources");
  }

  var es = new EventSource(url);
  es.addEventListener("article", function (msg) {
    var e;
    try { e = JSON.parse(msg.data); } catch (err) { return; }
    count++;
    stories[e.story] = true;
    mark(e);
    show();
  });
})();
