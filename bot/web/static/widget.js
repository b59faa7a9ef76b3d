/* CATR-PAT chat widget. Embed with one tag:
 *   <script src="https://<assistant host>/static/widget.js" data-title="..." defer></script>
 * Everything (script, styles) is served by the assistant's own host: no third-party request.
 * The conversation survives page reloads in the same tab: sessionStorage keeps only the random
 * conversation id (any script on the host page can read that storage, so no message is kept
 * there) and the visible messages are fetched again from the assistant's server, which gives
 * them only to the holder of that id. "Start over" forgets the id.
 * Accessibility: every control is a native button or labelled input; opening moves focus to the
 * message box, closing (button or Escape) returns it to the launcher; new messages are announced
 * through the role="log" live region and the typing state through a role="status" line.
 * Words: every text comes from the server by id (GET /api/chat/texts?lang=..., data/texts/<lang>/widget.yml),
 * with the welcome and its suggestions shown when the panel opens on a new conversation.
 * After a reload the panel reopens if it was open, on the latest message, with focus in the box.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute("data-lang") || document.documentElement.lang.slice(0, 2) || "en";
  var STORE = "catrpat-chat";
  var OPEN_STORE = "catrpat-chat-open";
  var MAX_CHARS = 2000;
  var T = {};
  var welcome = null;

  function storedSender() {
    try {
      var value = sessionStorage.getItem(STORE);
      return /^[0-9a-f]{32}$/.test(value || "") ? value : null;
    } catch (e) { return null; }
  }
  function keepSender() {
    try { sessionStorage.setItem(STORE, state.sender); } catch (e) { /* storage blocked: still chat */ }
  }
  function newSender() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function remember(key, value) {
    try { if (value) { sessionStorage.setItem(key, value); } else { sessionStorage.removeItem(key); } } catch (e) { /* blocked */ }
  }
  function recalled(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  var restored = storedSender();
  var state = { sender: restored || newSender(), open: false };

  fetch(base + "/api/chat/texts?lang=" + encodeURIComponent(/^[a-z]{2}$/.test(lang) ? lang : "en"))
    .then(function (r) { return r.json(); })
    .then(function (body) { T = body.texts || {}; welcome = body.welcome; build(body.colours || {}); })
    .catch(function () { /* without its words the widget stays away rather than half-built */ });

  function build(colours) {
  var title = script.getAttribute("data-title") || T.title;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = base + "/static/widget.css";
  document.head.appendChild(css);

  var root = document.createElement("div");
  root.className = "cpw";
  root.innerHTML =
    '<button type="button" class="cpw-launcher" aria-expanded="false" aria-controls="cpw-panel">' +
    '<svg class="cpw-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">' +
    '<path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>' +
    ' <span class="cpw-launch-text"></span></button>' +
    '<section id="cpw-panel" class="cpw-panel" role="dialog" aria-modal="false" aria-labelledby="cpw-title" hidden>' +
    '<div class="cpw-head"><h2 id="cpw-title" class="cpw-title"></h2>' +
    '<button type="button" class="cpw-close"><span aria-hidden="true">✕</span></button></div>' +
    '<p class="cpw-notice"><span class="cpw-notice-text"></span> ' +
    '<a href="' + base + '/privacy" target="_blank" rel="noopener"><span class="cpw-privacy"></span> <span class="cpw-sr cpw-newtab"></span></a></p>' +
    '<div class="cpw-log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>' +
    '<p class="cpw-typing" role="status"></p>' +
    '<form class="cpw-form"><label for="cpw-input" class="cpw-sr cpw-input-label"></label>' +
    '<input id="cpw-input" class="cpw-input" type="text" autocomplete="off" maxlength="' + MAX_CHARS + '">' +
    '<button type="submit" class="cpw-send"></button></form>' +
    '<button type="button" class="cpw-restart"></button></section>';
  function say(selector, key) { root.querySelector(selector).textContent = T[key] || ""; }
  say(".cpw-launch-text", "launcher");
  say(".cpw-notice-text", "notice");
  say(".cpw-privacy", "privacy_link");
  say(".cpw-newtab", "new_tab");
  say(".cpw-input-label", "input_label");
  say(".cpw-send", "send");
  say(".cpw-restart", "restart");
  root.querySelector(".cpw-close").setAttribute("aria-label", T.close || "");
  root.querySelector(".cpw-log").setAttribute("aria-label", T.log_label || "");
  root.querySelector(".cpw-input").setAttribute("placeholder", T.placeholder || "");
  if (/^#[0-9a-fA-F]{6}$/.test(colours.primary || "")) { root.style.setProperty("--cpw-primary", colours.primary); }
  document.body.appendChild(root);

  var launcher = root.querySelector(".cpw-launcher");
  var panel = root.querySelector(".cpw-panel");
  var log = root.querySelector(".cpw-log");
  var input = root.querySelector(".cpw-input");
  var typing = root.querySelector(".cpw-typing");
  root.querySelector(".cpw-title").textContent = title;

  function setTyping(on) {
    typing.textContent = "";
    if (!on) { return; }
    var text = document.createElement("span");
    text.textContent = T.typing || "";
    var dots = document.createElement("span");
    dots.className = "cpw-dots";
    dots.setAttribute("aria-hidden", "true");
    dots.innerHTML = "<span>.</span><span>.</span><span>.</span>";
    typing.appendChild(text);
    typing.appendChild(dots);
  }

  function addQuickReplies(buttons) {
    var group = document.createElement("div");
    group.className = "cpw-buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.suggestions || "");
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cpw-quick";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        send(b.payload || b.title, b.title);
        input.focus();  // the buttons disappear: keep keyboard users in the conversation
      });
      group.appendChild(button);
    });
    log.appendChild(group);
  }

  function addMessage(who, text, buttons, extraClass) {
    var item = document.createElement("div");
    item.className = "cpw-msg cpw-" + who + (extraClass ? " " + extraClass : "");
    var label = document.createElement("span");
    label.className = "cpw-sr";
    label.textContent = (who === "user" ? T.you_said : T.assistant_said) + " ";
    item.appendChild(label);
    var body = document.createElement("span");
    body.textContent = text;  // never innerHTML: what people type stays inert
    item.appendChild(body);
    log.appendChild(item);
    if (buttons && buttons.length) { addQuickReplies(buttons); }
    showLatest();
  }

  function showLatest() {
    log.scrollTop = log.scrollHeight;  // the latest message and its buttons in view
  }

  function showWelcome() {
    if (!welcome || log.childNodes.length) { return; }
    addMessage("bot", welcome.text, welcome.buttons, "cpw-welcome");
  }

  function clearQuickReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".cpw-buttons"), function (g) { g.remove(); });
  }

  function send(message, shown) {
    if (!message || !message.trim()) { return; }
    clearQuickReplies();
    addMessage("user", shown || message, null);
    keepSender();
    setTyping(true);
    fetch(base + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: message, lang: lang })
    }).then(function (r) { return r.json(); }).then(function (replies) {
      setTyping(false);
      (Array.isArray(replies) ? replies : []).forEach(function (reply) {
        if (reply.text) { addMessage("bot", reply.text, reply.buttons || reply.quick_replies); }
      });
    }).catch(function () {
      setTyping(false);
      addMessage("bot", T.offline || "", null);
    });
  }

  function setOpen(open) {
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    remember(OPEN_STORE, open ? "1" : null);
    if (open) {
      if (!restored) { showWelcome(); }
      showLatest();
      input.focus();
    } else { launcher.focus(); }
  }

  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  root.querySelector(".cpw-close").addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { setOpen(false); } });
  root.querySelector(".cpw-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });
  root.querySelector(".cpw-restart").addEventListener("click", function () {
    state = { sender: newSender(), open: true };
    restored = null;
    try { sessionStorage.removeItem(STORE); } catch (e) { /* storage blocked */ }
    log.textContent = "";
    setTyping(false);
    typing.textContent = T.cleared || "";
    showWelcome();
    input.focus();
  });

  function restoreHistory() {
    fetch(base + "/api/chat/history", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender })
    }).then(function (r) { return r.ok ? r.json() : { messages: [] }; }).then(function (body) {
      var messages = Array.isArray(body.messages) ? body.messages : [];
      if (log.childNodes.length) { return; }  // the person already started typing: keep what is shown
      messages.forEach(function (m, i) {
        var last = i === messages.length - 1;
        addMessage(m.who === "user" ? "user" : "bot", String(m.text || ""), last ? m.buttons : null);
      });
      if (!messages.length) { restored = null; showWelcome(); }
      if (state.open) { showLatest(); input.focus(); }
    }).catch(function () { /* no history: the chat still works */ });
  }
  if (restored) { restoreHistory(); }
  if (recalled(OPEN_STORE)) { setOpen(true); }
  }
})();
