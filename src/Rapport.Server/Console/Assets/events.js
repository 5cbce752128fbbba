// Rapport console, event stream page: new events appear live (server-sent events), and
// "Send test event" posts without leaving the page. Without this script the page still lists
// the latest events and the button sends the event and reloads.
(function () {
  "use strict";

  var MAX_ROWS = 500;
  var table = document.getElementById("event-stream");
  if (!table) return;
  var rows = document.getElementById("event-rows");
  var status = document.getElementById("event-stream-status");
  var empty = document.getElementById("event-stream-empty");
  var processed = Number(table.getAttribute("data-processed")) || 0;

  function setStatus(text) { if (status) status.textContent = text; }

  function cell(row, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function badge(parent, text, kind) {
    var span = document.createElement("span");
    span.className = kind ? "badge " + kind : "badge";
    span.textContent = text;
    parent.appendChild(span);
  }

  function statusBadge(td, sequence) {
    td.textContent = "";
    if (sequence <= processed) badge(td, "Processed", "ok"); else badge(td, "Waiting", "warn");
  }

  // The same cells as the server renders (Pages/EventStream.razor); text only, never HTML.
  function buildRow(e) {
    var row = document.createElement("tr");
    row.setAttribute("data-testid", "event-row");
    row.setAttribute("data-sequence", String(e.sequence));
    row.setAttribute("data-message-id", e.messageId);
    row.className = "event-new";
    cell(row, "num").textContent = String(e.sequence);
    var time = document.createElement("time");
    time.setAttribute("datetime", e.receivedAt);
    time.textContent = e.receivedAt;
    cell(row).appendChild(time);
    badge(cell(row), e.type);
    cell(row, "event-name").textContent = e.name || "\u2014";
    var person = cell(row, "event-person");
    var id = e.userId || e.anonymousId;
    if (id) {
      var link = document.createElement("a");
      var base = table.getAttribute("data-stream").split("/stream")[0];
      link.href = base + "?userId=" + encodeURIComponent(id);
      link.title = "Only this person's events";
      link.textContent = id;
      person.appendChild(link);
      if (!e.userId) {
        var note = document.createElement("span");
        note.className = "source";
        note.textContent = " (anonymous)";
        person.appendChild(note);
      }
    } else {
      person.innerHTML = '<span class="muted">\u2014</span>';
    }
    statusBadge(cell(row, "event-status"), e.sequence);
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = "JSON";
    var pre = document.createElement("pre");
    pre.textContent = e.message;
    details.appendChild(summary);
    details.appendChild(pre);
    cell(row).appendChild(details);
    if (window.rapportConsole) window.rapportConsole.localTimes(row);
    return row;
  }

  var count = rows.children.length;
  function add(e) {
    if (rows.querySelector('tr[data-sequence="' + e.sequence + '"]')) return;
    rows.insertBefore(buildRow(e), rows.firstChild);
    count++;
    while (rows.children.length > MAX_ROWS) rows.removeChild(rows.lastChild);
    if (empty) { empty.hidden = true; }
    setStatus("Live: " + count + " events shown, newest first.");
  }

  function markProcessed(position) {
    processed = position;
    rows.querySelectorAll("tr[data-sequence]").forEach(function (row) {
      var td = row.querySelector(".event-status");
      if (td) statusBadge(td, Number(row.getAttribute("data-sequence")));
    });
  }

  if (window.EventSource) {
    var source = new EventSource(table.getAttribute("data-stream"));
    source.addEventListener("ready", function () { setStatus("Live: new events appear at the top as they arrive."); });
    source.addEventListener("message", function (message) { add(JSON.parse(message.data)); });
    source.addEventListener("processed", function (message) { markProcessed(JSON.parse(message.data).position); });
    source.addEventListener("error", function () {
      // EventSource reconnects by itself (resuming after its last id) unless the server refused it.
      setStatus(source.readyState === EventSource.CLOSED
        ? "Live updates stopped. Reload the page (you may need to sign in again)."
        : "Connection lost; reconnecting\u2026");
    });
  }

  // Send test event without leaving the page: the stream shows it arriving.
  var form = document.getElementById("send-test-event-form");
  var result = document.getElementById("send-test-event-result");
  var button = document.getElementById("send-test-event");
  if (form && result && window.fetch && window.EventSource) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        redirect: "manual"
      }).then(function (response) {
        if (response.type === "opaqueredirect") {
          // Accepted: the server answers with a redirect to the page showing it.
          result.innerHTML = '<p class="notice ok" role="status" data-testid="send-test-event-sent"></p>';
          result.firstChild.textContent = "Test event sent: the tracking API accepted it and wrote it to the event log. Watch it arrive below.";
          return;
        }
        return response.text().then(function (html) {
          // Refused: the page came back with the reason; show it here.
          var page = new DOMParser().parseFromString(html, "text/html");
          var answer = page.getElementById("send-test-event-result");
          result.innerHTML = answer ? answer.innerHTML : "";
          if (!answer || !answer.textContent.trim()) {
            result.innerHTML = '<p class="notice error" role="alert">The test event could not be sent. Reload the page and try again.</p>';
          }
        });
      }).catch(function () {
        result.innerHTML = '<p class="notice error" role="alert">The test event could not be sent: the server did not answer.</p>';
      }).then(function () { button.disabled = false; });
    });
  }
})();
