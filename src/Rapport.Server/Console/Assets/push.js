// Push page: the Salesforce field names follow the infix and the checkboxes as they change.
// apiName is CustomFieldNamer.ApiName (Rapport.Sync) written again for the browser; the server
// tests run this file in Node against the C# rule, so the two cannot drift apart unnoticed.
// Without this script the "Preview field names" button asks the server.
(function (root) {
  "use strict";

  var PREFIX = "Rapport";
  var MAX_NAME_LENGTH = 40;
  var ASCII_LETTER_OR_DIGIT = /^[A-Za-z0-9]$/;
  var NON_SPACING_MARK = /^\p{Mn}$/u;

  // Letters and digits kept, words capitalised, everything else a single underscore; accents dropped.
  // Walks UTF-16 code units as .NET walks chars, so characters outside the BMP split words alike.
  function sanitize(value) {
    var text = String(value).normalize("NFD");
    var result = "";
    var upperNext = true;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (ASCII_LETTER_OR_DIGIT.test(c)) {
        result += upperNext ? c.toUpperCase() : c;
        upperNext = false;
      } else if (NON_SPACING_MARK.test(c)) {
        // "Société" becomes "Societe".
      } else {
        if (result.length > 0 && result.charAt(result.length - 1) !== "_") result += "_";
        upperNext = true;
      }
    }
    result = result.replace(/^_+|_+$/g, "");
    if (result.length > 0 && !/^[A-Za-z]/.test(result)) result = "F" + result;
    return result;
  }

  // Rapport_<Name>__c, or Rapport_<infix>_<Name>__c; at most 40 characters before __c.
  function apiName(name, infix) {
    var parts = [PREFIX, sanitize(infix || ""), sanitize(name)].filter(function (part) { return part.length > 0; });
    var result = parts.join("_");
    if (result.length > MAX_NAME_LENGTH) result = result.slice(0, MAX_NAME_LENGTH).replace(/_+$/, "");
    return result + "__c";
  }

  root.rapportFieldNames = { sanitize: sanitize, apiName: apiName };
  if (typeof document === "undefined") return; // loaded for the naming rule alone (the tests, in Node)

  var form = document.querySelector("form[data-push-preview]");
  if (!form) return;
  var infix = form.querySelector("#push-infix");
  var body = form.querySelector("[data-push-preview-body]");
  if (!infix || !body) return;
  var columns = [
    { element: form.querySelector("#push-user-fields"), objects: "Contact, Lead", extra: form.querySelector("#push-user-new-attribute") },
    { element: form.querySelector("#push-account-fields"), objects: "Account", extra: form.querySelector("#push-account-new-attribute") }
  ];
  var infixPattern = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;
  var infixMax = parseInt(infix.getAttribute("maxlength"), 10) || 20;

  form.addEventListener("input", update);
  form.addEventListener("change", update);

  function update(event) {
    var target = event.target;
    if (target !== infix && target.type !== "checkbox" && !columns.some(function (c) { return c.extra === target; })) return;
    if (target.id === "push-create-leads") return;
    checkInfix();
    render(fields());
  }

  // The same rule as SyncSettingsValidator, with its words (data-invalid-message), under the field.
  function checkInfix() {
    var value = infix.value.trim();
    var valid = value === "" || (value.length <= infixMax && infixPattern.test(value));
    var field = infix.closest(".field");
    field.querySelectorAll(".validation-message").forEach(function (old) { old.remove(); });
    var describedBy = "push-infix-hint";
    if (!valid) {
      var message = document.createElement("p");
      message.className = "validation-message";
      message.id = "push-infix-error";
      message.textContent = infix.getAttribute("data-invalid-message") + " got \"" + value + "\".";
      field.appendChild(message);
      describedBy += " " + message.id;
      infix.setAttribute("aria-invalid", "true");
    } else {
      infix.removeAttribute("aria-invalid");
    }
    infix.setAttribute("aria-describedby", describedBy);
  }

  function fields() {
    var list = [];
    columns.forEach(function (column) {
      if (!column.element) return;
      var names = {};
      column.element.querySelectorAll("[data-push-choice]").forEach(function (choice) {
        var box = choice.querySelector("input[type=checkbox]");
        if (!box || !box.checked) return;
        var source = choice.getAttribute("data-source");
        var name = choice.getAttribute("data-name");
        names[source + ":" + name] = true;
        list.push({ name: name, source: source, objects: column.objects, target: choice.getAttribute("data-target-field") });
      });
      // A typed attribute is checked by the next post (PushForm.ToSettings), so it is previewed now.
      var typed = column.extra ? column.extra.value.trim() : "";
      if (typed && !names["Attribute:" + typed]) list.push({ name: typed, source: "Attribute", objects: column.objects, target: null });
    });
    return list;
  }

  function render(list) {
    if (list.length === 0) {
      var empty = element("p", "empty", ["Nothing is pushed yet: check the attributes and KPIs above."]);
      empty.id = "push-preview-empty";
      body.replaceChildren(empty);
      return;
    }
    var hint = element("p", "hint", ["With the values above (not saved yet), push writes these fields; the ones marked \"new\" are created if they do not exist."]);
    var items = element("ul", "push-preview", list.map(function (field) {
      var name = field.target || apiName(field.name, infix.value.trim());
      var item = element("li", null, [
        element("code", null, [name]), " ",
        element("span", "muted", ["← " + field.name + " (" + (field.source === "Kpi" ? "KPI" : "attribute") + ") on " + field.objects])
      ]);
      if (!field.target) item.append(" ", element("span", "badge", ["new"]));
      item.setAttribute("data-testid", "push-preview-field");
      item.setAttribute("data-name", field.name);
      return item;
    }));
    items.id = "push-preview";
    items.setAttribute("data-testid", "push-preview");
    body.replaceChildren(hint, items);
  }

  function element(name, className, children) {
    var node = document.createElement(name);
    if (className) node.className = className;
    children.forEach(function (child) { node.append(child); });
    return node;
  }
})(typeof window !== "undefined" ? window : globalThis);
