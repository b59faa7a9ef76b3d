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
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, window.location.href).origin;
  var title = script.getAttribute("data-title") || "Study assistant";
  var STORE = "catrpat-chat";
  var MAX_CHARS = 2000;

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
  var restored = storedSender();
  var state = { sender: restored || newSender(), open: false };

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
    ' Questions? Chat with us</button>' +
    '<section id="cpw-panel" class="cpw-panel" role="dialog" aria-modal="false" aria-labelledby="cpw-title" hidden>' +
    '<div class="cpw-head"><h2 id="cpw-title" class="cpw-title"></h2>' +
    '<button type="button" class="cpw-close" aria-label="Close chat"><span aria-hidden="true">✕</span></button></div>' +
    '<p class="cpw-notice">I am an automated assistant, not a doctor. In an emergency call 15 or 112 (France) or 911 (US). ' +
    '<a href="' + base + '/privacy" target="_blank" rel="noopener">Privacy notice<span class="cpw-sr"> (opens in a new tab)</span></a></p>' +
    '<div class="cpw-log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0" aria-label="Conversation"></div>' +
    '<p class="cpw-typing" role="status"></p>' +
    '<form class="cpw-form"><label for="cpw-input" class="cpw-sr">Your message</label>' +
    '<input id="cpw-input" class="cpw-input" type="text" autocomplete="off" maxlength="' + MAX_CHARS + '" placeholder="Type your question">' +
    '<button type="submit" class="cpw-send">Send</button></form>' +
    '<button type="button" class="cpw-restart">Start over</button></section>';
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
    text.textContent = "The assistant is typing";
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
    group.setAttribute("aria-label", "Suggested answers");
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

  function addMessage(who, text, buttons) {
    var item = document.createElement("div");
    item.className = "cpw-msg cpw-" + who;
    var label = document.createElement("span");
    label.className = "cpw-sr";
    label.textContent = who === "user" ? "You said: " : "Assistant: ";
    item.appendChild(label);
    var body = document.createElement("span");
    body.textContent = text;  // never innerHTML: what people type stays inert
    item.appendChild(body);
    log.appendChild(item);
    if (buttons && buttons.length) { addQuickReplies(buttons); }
    log.scrollTop = log.scrollHeight;
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
      body: JSON.stringify({ sender: state.sender, message: message })
    }).then(function (r) { return r.json(); }).then(function (replies) {
      setTyping(false);
      (Array.isArray(replies) ? replies : []).forEach(function (reply) {
        if (reply.text) { addMessage("bot", reply.text, reply.buttons || reply.quick_replies); }
      });
    }).catch(function () {
      setTyping(false);
      addMessage("bot", "Sorry, I can't connect right now. Please try again in a moment.", null);
    });
  }

  function setOpen(open) {
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) { input.focus(); } else { launcher.focus(); }
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
    try { sessionStorage.removeItem(STORE); } catch (e) { /* storage blocked */ }
    log.textContent = "";
    setTyping(false);
    typing.textContent = "Conversation cleared. You can start again.";
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
    }).catch(function () { /* no history: the chat still works */ });
  }
  if (restored) { restoreHistory(); }
})();
