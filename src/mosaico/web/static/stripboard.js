// The stripboard: drag strips between days (SortableJS), lock them, re-check the
// rules after every change, save the board as a version, re-optimise around locks.
// The server judges everything; this script only gathers the board and shows answers.
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board) return;
  const slug = board.dataset.slug;
  const version = Number(board.dataset.version);
  const label = (name, values) => {
    let text = board.dataset["label" + name[0].toUpperCase() + name.slice(1)] || "";
    for (const [key, value] of Object.entries(values || {})) {
      text = text.split("%(" + key + ")s").join(String(value));
    }
    return text;
  };
  const saveButton = document.getElementById("save-version");
  const checkBox = document.getElementById("board-check");
  let dirty = false;
  let checking = 0;

  function eighthsText(n) {
    const whole = Math.floor(n / 8);
    const rest = n % 8;
    if (!rest) return String(whole);
    return whole ? whole + " " + rest + "/8" : rest + "/8";
  }

  function state() {
    const days = [];
    const locked = [];
    for (const list of board.querySelectorAll("ol.strips")) {
      const strips = [];
      for (const strip of list.querySelectorAll("li.strip")) {
        strips.push(strip.dataset.key);
        if (strip.classList.contains("locked")) locked.push(strip.dataset.key);
      }
      days.push({ date: list.dataset.date, strips: strips });
    }
    return { days: days, locked: locked };
  }

  // Day numbers, pages, company moves within a day and travel between cities.
  function refresh() {
    board.querySelectorAll("[data-generated]").forEach((el) => el.remove());
    const sections = Array.from(board.querySelectorAll("section.day"));
    const shot = sections.filter((s) => s.querySelector("li.strip"));
    let number = 0;
    let city = null;
    for (const section of sections) {
      const strips = Array.from(section.querySelectorAll("li.strip"));
      const head = section.querySelector(".day-number");
      let eighths = 0;
      let hours = 0;
      strips.forEach((s) => {
        eighths += Number(s.dataset.eighths);
        hours += Number(s.dataset.hours);
      });
      section.classList.toggle("day-free", strips.length === 0);
      if (strips.length) {
        number += 1;
        head.textContent = label("day", { n: number, m: shot.length });
      } else {
        head.textContent = label("free");
      }
      section.querySelector(".day-pages").textContent = label("pages", { pages: eighthsText(eighths) });
      section.querySelector(".day-hours").textContent = hours.toFixed(1) + " h";
      for (let i = 1; i < strips.length; i++) {
        const before = strips[i - 1].dataset.location;
        const after = strips[i].dataset.location;
        if (before !== after) {
          const li = document.createElement("li");
          li.className = "banner banner-move";
          li.dataset.generated = "1";
          li.textContent = label("move", { from: before, to: after });
          strips[i].before(li);
        }
      }
      if (strips.length) {
        const first = strips[0].dataset.city;
        if (city && first && first !== city) {
          const div = document.createElement("div");
          div.className = "banner banner-travel";
          div.dataset.generated = "1";
          div.textContent = label("travel", { from: city, to: first });
          section.before(div);
        }
        for (const s of strips) city = s.dataset.city || city;
      }
    }
    document.getElementById("board-days").textContent = String(shot.length);
    const reopt = document.querySelector("#reoptimise input[name=locked]");
    if (reopt) reopt.value = state().locked.join(",");
  }

  function showProblems(answer) {
    board.querySelectorAll(".violates").forEach((el) => el.classList.remove("violates"));
    board.querySelectorAll(".problem").forEach((el) => { el.hidden = true; el.textContent = ""; });
    const byKey = new Map();
    for (const v of answer.violations) {
      for (const key of v.strips) {
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key).push(v.text);
      }
      if (v.date) {
        const section = board.querySelector('section.day[data-date="' + v.date + '"]');
        if (section) section.classList.add("violates");
      }
    }
    for (const [key, texts] of byKey) {
      const strip = board.querySelector('li.strip[data-key="' + CSS.escape(key) + '"]');
      if (!strip) continue;
      strip.classList.add("violates");
      const note = strip.querySelector(".problem");
      note.textContent = texts.join(" · ");
      note.hidden = false;
      strip.title = texts.join("\n");
    }
    checkBox.innerHTML = "";
    checkBox.classList.toggle("has-violations", answer.violations.length > 0);
    checkBox.classList.toggle("ok", answer.violations.length === 0);
    const p = document.createElement("p");
    p.textContent = answer.violations.length ? label("broken") : label("ok");
    checkBox.append(p);
    if (answer.violations.length) {
      const ul = document.createElement("ul");
      for (const v of answer.violations) {
        const li = document.createElement("li");
        li.textContent = v.text;
        ul.append(li);
      }
      checkBox.append(ul);
    }
    const fmt = (n) => n.toLocaleString("en-US");
    document.getElementById("board-cost").textContent = fmt(answer.total_cost);
    document.getElementById("board-bound").textContent = fmt(answer.lower_bound);
    const gap = answer.total_cost > 0 ? (answer.total_cost - answer.lower_bound) / answer.total_cost : 0;
    document.getElementById("board-gap").textContent = (gap * 100).toFixed(1) + " %";
    saveButton.disabled = !dirty || answer.violations.length > 0;
  }

  function showError(message) {
    checkBox.innerHTML = "";
    checkBox.classList.add("has-violations");
    checkBox.classList.remove("ok");
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = message;
    checkBox.append(p);
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  async function check() {
    const ticket = ++checking;
    board.setAttribute("aria-busy", "true");
    const current = state();
    try {
      const answer = await post("/api/productions/" + slug + "/stripboard/check", {
        version: version, days: current.days, locked: current.locked,
      });
      if (ticket === checking) showProblems(answer);
    } catch (err) {
      if (ticket === checking) showError(err.message);
    } finally {
      if (ticket === checking) board.removeAttribute("aria-busy");
    }
  }

  function changed() {
    dirty = true;
    refresh();
    check();
  }

  async function save() {
    const current = state();
    saveButton.disabled = true;
    const text = saveButton.textContent;
    saveButton.textContent = label("saving");
    try {
      const saved = await post("/api/productions/" + slug + "/schedules/manual", {
        from_version: version,
        days: current.days,
        locked: current.locked,
        label: document.getElementById("save-label").value,
      });
      dirty = false;
      return saved.number;
    } catch (err) {
      showError(err.message);
      saveButton.disabled = false;
      return null;
    } finally {
      saveButton.textContent = text;
    }
  }

  saveButton.addEventListener("click", async () => {
    const number = await save();
    if (number) window.location.href = "/productions/" + slug + "/stripboard?version=" + number;
  });

  // Re-optimising starts from a stored version: unsaved moves are saved first, the
  // solve is queued from the new version, and its page opens with the job's panel.
  document.body.addEventListener("htmx:confirm", async (event) => {
    const form = event.target;
    if (form.id !== "reoptimise" || !dirty) return;
    event.preventDefault();
    const number = await save();
    if (!number) return;
    const episodes = form.elements.episodes.value.split(",").filter(Boolean).map(Number);
    try {
      const job = await post("/api/productions/" + slug + "/jobs", {
        start_from: number,
        locked: state().locked,
        episodes: episodes.length ? episodes : null,
        time_limit: Number(form.elements.time_limit.value),
      });
      window.location.href = "/productions/" + slug + "/stripboard?version=" + number + "&job=" + job.id;
    } catch (err) {
      showError(err.message);
    }
  });

  board.addEventListener("click", (event) => {
    const button = event.target.closest("button.lock");
    if (!button) return;
    const strip = button.closest("li.strip");
    const locked = strip.classList.toggle("locked");
    button.setAttribute("aria-pressed", locked ? "true" : "false");
    button.title = locked ? label("unlock") : label("lock");
    changed();
  });

  // Without a mouse: Alt+↓ / Alt+↑ moves the focused strip to the next / previous day.
  board.addEventListener("keydown", (event) => {
    const strip = event.target.closest ? event.target.closest("li.strip") : null;
    if (!strip || !event.altKey || strip.classList.contains("locked")) return;
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const lists = Array.from(board.querySelectorAll("ol.strips"));
    const at = lists.indexOf(strip.parentElement);
    const next = lists[at + (event.key === "ArrowDown" ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    if (event.key === "ArrowDown") next.prepend(strip);
    else next.append(strip);
    strip.focus();
    changed();
  });

  function start() {
    if (!window.Sortable) return;
    for (const list of board.querySelectorAll("ol.strips")) {
      window.Sortable.create(list, {
        group: "board",
        draggable: "li.strip",
        filter: ".locked, button.lock",
        preventOnFilter: false,
        forceFallback: true,
        fallbackOnBody: true,
        animation: 120,
        emptyInsertThreshold: 24,
        onEnd: (event) => {
          if (event.from !== event.to || event.oldIndex !== event.newIndex) changed();
        },
      });
    }
    board.classList.add("ready");
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
