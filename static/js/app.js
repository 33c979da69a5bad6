// session-lab's only script: no build step, no dependencies, allowed by the CSP as 'self'.
// - Pages shown inside /compare's frames hide their site header and footer.
// - The inspector's third pane prints document.cookie, live: what any script on this page,
//   an attacker's included, can read. HttpOnly cookies never appear here; the browser decides.
// - The session countdown ticks in the browser, so watching it costs the server nothing.
(function () {
  "use strict";

  if (window.self !== window.top) {
    document.documentElement.classList.add("embedded");
  }

  function showCookies() {
    var pane = document.getElementById("js-cookie");
    if (!pane) return;
    var cookies = document.cookie;
    var text = cookies
      ? "document.cookie\n= " + JSON.stringify(cookies) + "\n\n" + cookies.split("; ").join("\n")
      : pane.getAttribute("data-empty");
    if (pane.textContent !== text) pane.textContent = text;
  }

  var offset = 0;

  function tick() {
    var clocks = document.querySelectorAll(".countdown[data-expires-ms]");
    for (var i = 0; i < clocks.length; i++) {
      var clock = clocks[i];
      var left = Math.ceil((Number(clock.getAttribute("data-expires-ms")) - (Date.now() + offset)) / 1000);
      if (left > 0) {
        var pattern = left === 1 ? clock.getAttribute("data-one") : clock.getAttribute("data-pattern");
        clock.textContent = (pattern || "# s").replace("#", String(left));
      } else {
        clock.textContent = clock.getAttribute("data-expired");
        clock.classList.add("expired");
      }
    }
  }

  // /compare: the row of matched facts under the two frames, refreshed whenever a frame loads.
  function refreshFacts() {
    ["cookie", "session", "signed"].forEach(function (flow) {
      var frame = document.getElementById("frame-" + flow);
      if (!frame) return;
      var js = document.getElementById("fact-js-" + flow);
      try {
        var seen = frame.contentDocument.cookie;
        js.textContent = seen || js.getAttribute("data-empty");
      } catch (e) {
        js.textContent = "?";
      }
      fetch("/" + flow + "/inspect", { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (report) {
          var bytes = document.getElementById("fact-bytes-" + flow);
          bytes.textContent = report.flow_cookie_bytes + " " + bytes.getAttribute("data-unit");
          var server = document.getElementById("fact-server-" + flow);
          server.textContent = report.server_state
            ? server.getAttribute("data-record").replace("{user}", report.user).replace("{s}", report.expires_in_s)
            : server.getAttribute("data-nothing");
        })
        .catch(function () {});
    });
  }

  // /instructor: the class's events as they happen (server-sent events), newest first.
  // The feed line says whether events are arriving: the server reports its own feed (with
  // several servers, whether the others' events reach it), the browser its connection.
  function listenForEvents(list) {
    var source = new EventSource(list.getAttribute("data-source"));
    var feed = document.getElementById("feed");
    function showFeed(state) {
      if (!feed) return;
      feed.textContent = feed.getAttribute("data-" + state);
      feed.className = "feed feed-" + state;
      feed.hidden = false;
    }
    source.addEventListener("feed", function (message) { showFeed(message.data); });
    source.onerror = function () { showFeed("reconnecting"); };
    source.onmessage = function (message) {
      var event = JSON.parse(message.data);
      var pattern = list.getAttribute("data-" + event.kind) || "{user}";
      var item = document.createElement("li");
      item.className = "event event-" + event.kind + " flow-" + event.flow;
      var time = new Date(event.at_ms).toLocaleTimeString();
      item.textContent = time + "  " + pattern.replace("{user}", event.user).replace("{flow}", list.getAttribute("data-flow-" + event.flow) || event.flow);
      var placeholder = list.querySelector("li.hint");
      if (placeholder) placeholder.remove();
      list.insertBefore(item, list.firstChild);
      while (list.children.length > 50) list.removeChild(list.lastChild);
    };
  }

  // /lab/hijack: the pasted cookies survive the replay's page reload, in this tab only (the
  // server keeps no pasted password).
  function keepPaste(area) {
    var kept = window.sessionStorage.getItem("hijack-paste");
    if (kept && !area.value) area.value = kept;
    area.form.addEventListener("submit", function () {
      window.sessionStorage.setItem("hijack-paste", area.value);
    });
  }

  // Destructive dashboard controls ask first.
  function confirmFirst(form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  }

  // Who this browser is in a flow, asked of the flow's own inspector (its cookies may be
  // limited to the flow's path, so the page itself cannot tell).
  function showWho(slot) {
    var flow = slot.getAttribute("data-whoami");
    fetch("/" + flow + "/inspect", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (report) {
        slot.textContent = report.logged_in ? report.user : slot.getAttribute("data-nobody");
      })
      .catch(function () {});
  }

  // /instructor on a projector: a control is still a form a person submits (the server needs
  // that), but with stay=true the server answers 204, so the page, its event list and its stream
  // stay; the parts that changed are then fetched again. The sessions table refreshes every 5 s.
  function dashboard(token) {
    var sessions = document.getElementById("sessions-part");
    var presets = document.getElementById("presets-part");
    var note = document.getElementById("note");
    var filter = document.getElementById("session-filter");
    var count = document.getElementById("live-count");
    function refresh(name, target) {
      return fetch("/instructor/part/" + name, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          target.innerHTML = html;
          target.querySelectorAll("input[name=csrf_token]").forEach(function (input) {
            if (!input.value) input.value = token;
          });
        })
        .catch(function () {});
    }
    function applyFilter() {
      var wanted = filter.value.trim().toLowerCase();
      sessions.querySelectorAll("tr[data-user]").forEach(function (row) {
        row.hidden = wanted !== "" && row.getAttribute("data-user").toLowerCase().indexOf(wanted) < 0;
      });
    }
    // The server shows at most a few hundred rows, of the users whose name contains the filter,
    // and says how many sessions are live in all.
    function refreshSessions() {
      var wanted = encodeURIComponent(filter.value.trim());
      return refresh("sessions?user=" + wanted, sessions).then(function () {
        applyFilter();
        var heading = sessions.querySelector("[data-count]");
        if (heading) count.textContent = heading.getAttribute("data-count");
      });
    }
    function refreshAll() {
      refreshSessions();
      refresh("presets", presets);
      refresh("note", note);
    }
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var inPlace = form.closest("#presets, #sessions") || form.classList.contains("control");
      if (event.defaultPrevented || !inPlace) return;
      if (!form.querySelector("input[name=stay]")) {
        var stay = document.createElement("input");
        stay.type = "hidden";
        stay.name = "stay";
        stay.value = "true";
        form.appendChild(stay);
      }
      window.setTimeout(refreshAll, 300);
      window.setTimeout(refreshAll, 1500);
    });
    var typing = null;
    filter.addEventListener("input", function () {
      applyFilter();
      window.clearTimeout(typing);
      typing = window.setTimeout(refreshSessions, 300);
    });
    window.setInterval(refreshSessions, 5000);
  }

  // A board page: what the collector received from the scripts that ran in this browser, asked
  // again shortly after the page loaded (a post's script runs as the page loads). The board's
  // policy lets this page reach the collector's address only.
  function showFeedback(card) {
    var out = document.querySelector("#feedback-data code");
    var flow = card.getAttribute("data-flow");
    function ask() {
      fetch("/lab/stolen?format=json", { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (loot) {
          var mine = loot.filter(function (l) { return l.flow === flow; });
          if (!mine.length) return;
          out.textContent = mine[0].data || card.getAttribute("data-nothing");
        })
        .catch(function () {});
    }
    window.setTimeout(ask, 700);
    window.setTimeout(ask, 2500);
  }

  // The evidence strip (/compare, /lab/sniff): the Cookie header this browser sends to each flow,
  // the flow's own cookies only, as the flow's inspector received it (HttpOnly values masked).
  // A password travelling in it is marked.
  function showEvidence(slot) {
    var flow = slot.getAttribute("data-evidence");
    fetch("/" + flow + "/inspect", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (report) {
        slot.textContent = "";
        if (!report.flow_cookie_header) {
          slot.textContent = slot.getAttribute("data-none");
          return;
        }
        slot.appendChild(document.createTextNode("Cookie: "));
        report.flow_cookie_header.split("; ").forEach(function (pair, i) {
          if (i) slot.appendChild(document.createTextNode("; "));
          var node = document.createElement(pair.indexOf("password=") === 0 ? "mark" : "span");
          node.textContent = pair;
          slot.appendChild(node);
        });
      })
      .catch(function () {});
  }

  // The tamper lesson: what each flow's staff page answers this browser now, asked of the page
  // itself (the frames below show the whole page).
  function showStaff(slot) {
    var flow = slot.getAttribute("data-staff");
    fetch("/" + flow + "/staff", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        var key = response.status === 200 ? "data-open" : response.status === 403 ? "data-refused" : "data-login";
        slot.textContent = response.status + " · " + slot.getAttribute(key);
        slot.className = response.status === 200 ? "staff-open" : "staff-closed";
      })
      .catch(function () {});
  }

  // The dashboard link in the navigation, for the instructor only. The session flow is asked
  // only on its own pages and the dashboard's (where a login or logout changes the answer); the
  // answer is kept for this tab, so other pages cost no extra request.
  function showDashboardLink(link) {
    var store = window.sessionStorage;
    var known = store ? store.getItem("session-lab-role") : null;
    if (known === "instructor") link.hidden = false;
    if (known !== null && !/^\/(session|instructor)(\/|$)/.test(location.pathname)) return;
    fetch("/session/inspect", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (report) {
        var role = report.role || "none";
        if (store) store.setItem("session-lab-role", role);
        link.hidden = role !== "instructor";
      })
      .catch(function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-confirm]").forEach(confirmFirst);
    var token = document.getElementById("dashboard-token");
    if (token && window.fetch) dashboard(token.value);
    document.querySelectorAll("[data-evidence]").forEach(showEvidence);
    document.querySelectorAll("[data-staff]").forEach(showStaff);
    var feedback = document.getElementById("feedback");
    if (feedback && window.fetch) showFeedback(feedback);
    var navDashboard = document.getElementById("nav-dashboard");
    if (navDashboard && window.fetch) showDashboardLink(navDashboard);
    document.querySelectorAll("[data-whoami]").forEach(showWho);
    var paste = document.getElementById("stolen-cookies");
    if (paste && window.sessionStorage) keepPaste(paste);
    var events = document.getElementById("events");
    if (events && window.EventSource) listenForEvents(events);
    if (document.getElementById("facts")) {
      ["cookie", "session", "signed"].forEach(function (flow) {
        var frame = document.getElementById("frame-" + flow);
        if (frame) frame.addEventListener("load", refreshFacts);
      });
      refreshFacts();
    }
    var first = document.querySelector(".countdown[data-now-ms]");
    if (first) offset = Number(first.getAttribute("data-now-ms")) - Date.now();
    showCookies();
    tick();
    window.setInterval(function () {
      showCookies();
      tick();
    }, 1000);
  });
})();
