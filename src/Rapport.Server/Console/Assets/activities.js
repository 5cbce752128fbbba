// Activities page: each rule's preview follows its templates as they are typed. The server renders
// it (POST …/salesforce/activities/preview with the form's antiforgery token) from the latest real
// event, with the rendering the sync uses. Without this script the Preview buttons post the whole
// form and the server shows the same preview.
(function () {
  "use strict";

  var DELAY_MS = 300;
  var form = document.querySelector("form[data-activity-preview-url]");
  if (!form || !window.fetch || !window.FormData) return;
  var url = form.getAttribute("data-activity-preview-url");
  var token = form.querySelector("input[name=__RequestVerificationToken]");

  form.querySelectorAll("[data-activity-rule]").forEach(watch);

  function watch(rule) {
    var controls = {
      event: rule.querySelector("[data-template=event]"),
      subject: rule.querySelector("[data-template=subject]"),
      description: rule.querySelector("[data-template=description]")
    };
    var preview = rule.querySelector("[data-testid=activity-preview]");
    if (!controls.event || !controls.subject || !controls.description || !preview) return;
    var timer = 0;
    var pending = null;

    rule.addEventListener("input", function (event) {
      var name = event.target.getAttribute && event.target.getAttribute("data-template");
      if (!name) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });

    function refresh() {
      if (pending) pending.abort();
      var eventName = controls.event.value.trim();
      if (!eventName && !controls.subject.value && !controls.description.value) {
        // An untouched rule (the empty "Add a rule" box) is not an error yet.
        ["event", "subject", "description"].forEach(function (part) { showError(controls[part], null); });
        message(preview, ["Name an event to preview this rule."]);
        return;
      }
      var body = new FormData();
      body.append("event", eventName);
      body.append("subject", controls.subject.value);
      body.append("description", controls.description.value);
      if (token) body.append("__RequestVerificationToken", token.value);
      var request = pending = new AbortController();
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" }, signal: request.signal })
        .then(function (response) {
          var json = (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
          // Signed out or the token expired: the page's own Preview button says what to do.
          return response.ok && json ? response.json() : null;
        })
        .then(function (result) {
          if (!result || request !== pending) return;
          pending = null;
          ["event", "subject", "description"].forEach(function (part) { showError(controls[part], result.errors[part] || null); });
          show(preview, result);
        })
        .catch(function () { /* aborted by a newer keystroke, or offline: the Preview button still works */ });
    }
  }

  // The message under a field, as the server renders it (class validation-message, aria-describedby).
  function showError(control, text) {
    var field = control.closest(".field") || control.parentElement;
    field.querySelectorAll(".validation-message").forEach(function (old) { old.remove(); });
    if (!text) {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
      return;
    }
    var element = document.createElement("p");
    element.className = "validation-message";
    element.id = control.id + "-error";
    element.textContent = text;
    control.insertAdjacentElement("afterend", element);
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", element.id);
  }

  // The same markup as the page's PreviewOf, built with text nodes: event values are visitors' input.
  function show(preview, result) {
    if (!result.event) {
      message(preview, ["Name an event to preview this rule."]);
      return;
    }
    if (!result.found) {
      message(preview, ["No ", code(result.event), " event in this dataset yet, so there is nothing to preview with. Send one (the Event stream page has a test button) and preview again."]);
      return;
    }
    var intro = element("p", "hint", ["Preview from the latest ", code(result.event), " event, ", time(result.at), (result.who ? ", by " + result.who : "") + ":"]);
    var values = element("dl", "activity-preview-values", [
      element("dt", null, ["Subject"]),
      value("activity-preview-subject", result.subject, result.errors.subject),
      element("dt", null, ["Description"]),
      value("activity-preview-description", result.description, result.errors.description)
    ]);
    preview.replaceChildren(intro, values);
  }

  function value(testId, text, error) {
    var dd = element("dd", null, [error ? element("span", "field-error", [error]) : (text || "")]);
    dd.setAttribute("data-testid", testId);
    return dd;
  }

  function message(preview, parts) {
    preview.replaceChildren(element("p", "muted", parts));
  }

  function code(text) {
    return element("code", null, [text]);
  }

  function time(iso) {
    var at = element("time", null, [iso]);
    at.setAttribute("datetime", iso);
    var date = new Date(iso);
    if (!isNaN(date)) at.textContent = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    return at;
  }

  function element(name, className, children) {
    var node = document.createElement(name);
    if (className) node.className = className;
    children.forEach(function (child) { node.append(child); });
    return node;
  }
})();
