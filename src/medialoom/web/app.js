"use strict";
// medialoom chat page: ask -> plan (shown, editable JSON) -> run -> live steps -> inline media.
// Clicking an image selects a point; the next request ("remove it", "replace it with a cat")
// is planned as image.segment at that point + image.inpaint.
const $ = (s) => document.querySelector(s);
const log = $("#log"), promptBox = $("#prompt");
const state = { session: null, selection: null, marker: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(method, path, body) {
  const opts = { method, credentials: "same-origin", headers: {} };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
  const res = await fetch(path, opts);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!res.ok) {
    const err = new Error((data && data.error) || res.statusText);
    err.status = res.status; err.problems = (data && data.problems) || [];
    throw err;
  }
  return data;
}

const setStatus = (text) => { $("#status").textContent = text; };
const scrollDown = () => window.scrollTo({ top: document.body.scrollHeight, behavior: "smooth" });

function message(who, ...content) {
  const hint = $("#hint"); if (hint) hint.remove();
  const bubble = el("div", { class: "bubble" }, ...content);
  log.append(el("div", { class: `msg ${who}` }, bubble));
  scrollDown();
  return bubble;
}

function showError(err, where) {
  const lines = err.problems && err.problems.length ? err.problems : [err.message];
  const box = el("div", { class: "error" }, ...lines.map((l) => el("div", {}, l)));
  if (lines.some((l) => /names no \w+ file/.test(l))) {  // the planner speaks to the CLI: point at +
    box.append(el("div", { class: "muted" }, "Here, upload the file with the + button, then ask again."));
  }
  (where || message("bot")).append(box);
  return box;
}

// -- start and sign-in ---------------------------------------------------------------------------
async function start() {
  let tools;
  try { tools = await api("GET", "/v1/tools"); }
  catch (e) {
    if (e.status === 401) {  // the sign-in card alone, under the header
      $("#login").hidden = false; $("#hint")?.setAttribute("hidden", ""); $("#token").focus(); setStatus("sign in"); return;
    }
    setStatus(`server unreachable: ${e.message}`); return;
  }
  state.params = Object.fromEntries(tools.map((t) => [t.id, Object.keys(t.parameters?.properties || {})]));
  const ready = tools.filter((t) => t.backends.some((b) => b.available)).length;
  setStatus(`${ready} of ${tools.length} tools ready on this machine`);
  const health = await api("GET", "/health").catch(() => ({}));
  const off = (health.safety_off || []).map((l) => l.replace("_", " "));
  $("#safety-off").hidden = !off.length;
  $("#safety-off").textContent = off.length ? `Safety switched off: ${off.join(", ")} ([safety] in ` +
    "config.toml). Outputs are not screened, marked or signed by those layers." : "";
  state.session = sessionStorage.getItem("medialoom.session");
  let past = null;
  if (state.session) { try { past = await api("GET", `/v1/sessions/${state.session}`); } catch { state.session = null; } }
  if (!state.session) await newSession();
  if (past) await restore(past);
  promptBox.focus();
  document.body.dataset.ready = "1";
}

async function restore(session) {  // after a reload: the session's jobs, finished or not
  for (const j of session.jobs) {
    const job = await api("GET", `/v1/jobs/${j.id}`);
    if (job.request) message("user", job.request);
    track(job.id, job.plan.steps, el("span"), job.steps, job.status);
  }
}

async function newSession() {
  state.session = (await api("POST", "/v1/sessions")).id;
  sessionStorage.setItem("medialoom.session", state.session);
}

$("#login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try { await api("POST", "/v1/login", { token: $("#token").value.trim() }); }
  catch (e) { $("#login-error").textContent = e.message; return; }
  $("#login").hidden = true; $("#hint")?.removeAttribute("hidden"); start();
});

const review = $("#review");
review.checked = localStorage.getItem("medialoom.review") !== "off";
review.addEventListener("change", () => localStorage.setItem("medialoom.review", review.checked ? "on" : "off"));

$("#new-session").addEventListener("click", async () => {
  clearSelection(); log.replaceChildren(); await newSession(); promptBox.focus();
});

// -- asking, planning, running -----------------------------------------------------------------
$("#composer").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = promptBox.value.trim();
  if (text) { promptBox.value = ""; ask(text); }
});
for (const b of document.querySelectorAll(".example")) b.addEventListener("click", () => ask(b.textContent));

async function ask(text) {
  const sel = state.selection;
  const where = sel && (sel.point ? `at (${sel.point.join(", ")})` : `in (${sel.box.join(", ")})`);
  message("user", text, sel ? el("span", { class: "muted" }, `  · ${where}`) : null);
  const body = { request: text, session: state.session };
  if (sel) body.selection = sel;
  clearSelection(true);
  let planned;
  try { planned = await api("POST", "/v1/plan", body); }
  catch (e) { showError(e); return; }
  const said = planned.notes || [];  // how it was planned (e.g. the LLM failed and the offline planner answered)
  if (said.length) message("bot", el("ul", { class: "notes" }, said.map((n) => el("li", {}, n))));
  showPlan(planned.plan);
}

function showPlan(plan) {
  const area = el("textarea", { spellcheck: "false", "aria-label": "plan JSON" });
  area.value = planText(plan.steps);
  area.rows = Math.min(24, area.value.split("\n").length + 1);
  const run = el("button", { type: "button", class: "run" }, "Run");
  const note = el("span", { class: "muted" }, "edit the JSON if you like · Ctrl+Enter runs");
  const errors = el("div");
  const left = (plan.left_out || []).map((x) => el("p", { class: "left-out" }, `Left out '${x.words}': ${x.reason}.`));
  const bubble = message("bot", el("h3", {}, "Plan"), el("div", { class: "plan" }, area), ...left, controls(area, plan.steps),
                         el("div", { class: "row" }, run, note), errors);
  bubble.classList.add("plan-card");
  const go = async () => {
    let edited;
    errors.replaceChildren();
    try { edited = JSON.parse(area.value); }
    catch (e) { showError(new Error(`the plan is not valid JSON: ${e.message}`), errors); return; }
    run.disabled = true;
    let job;
    try { job = await api("POST", "/v1/jobs", { plan: edited, session: state.session }); }
    catch (e) { run.disabled = false; showError(e, errors); return; }
    area.readOnly = true; note.textContent = job.status;  // "queued" until the worker takes it
    track(job.id, edited.steps || edited, note, [], job.status);
  };
  run.addEventListener("click", go);
  area.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); go(); } });
  if (!$("#review").checked) go(); else area.focus();
}

// the settings the plan's tools already take, as fields that write into the plan's JSON
const CONTROLS = { seed: "number", width: "number", height: "number", style: "text", duration: "number", voice: "text" };

function controls(area, steps) {
  const takes = (name) => steps.some((st) => (state.params?.[st.tool] || []).includes(name));
  const fields = Object.entries(CONTROLS).filter(([name]) => takes(name)).map(([name, type]) => {
    const input = el("input", { type, name, placeholder: name, "aria-label": name, size: 8, min: type === "number" ? 0 : null });
    input.addEventListener("change", () => setArg(area, name, type === "number" && input.value !== "" ? Number(input.value) : input.value));
    return el("label", {}, input);
  });
  return fields.length ? el("div", { class: "row controls" }, ...fields) : null;
}

function setArg(area, name, value) {  // every step whose tool takes `name`; an empty field removes it
  let plan;
  try { plan = JSON.parse(area.value); } catch { return; }
  const steps = plan.steps || plan;
  for (const st of steps) {
    if (!(state.params?.[st.tool] || []).includes(name)) continue;
    st.args = st.args || {};
    if (value === "") delete st.args[name]; else st.args[name] = value;
  }
  area.value = planText(steps);
}

function againButton(steps) {  // the same plan with new seeds for every step that takes one
  const seeded = steps.filter((st) => (state.params?.[st.tool] || []).includes("seed"));
  if (!seeded.length) return null;
  const button = el("button", { type: "button", class: "again" }, "Run again with another seed");
  button.addEventListener("click", async () => {
    const fresh = steps.map((st) => seeded.includes(st)
      ? { ...st, args: { ...st.args, seed: Math.floor(Math.random() * 2 ** 31) } } : st);
    let job;
    try { job = await api("POST", "/v1/jobs", { plan: { steps: fresh }, session: state.session }); }
    catch (e) { showError(e); return; }
    message("user", "run again with another seed");
    track(job.id, fresh, el("span"), [], job.status);
  });
  return button;
}

function planText(steps) {  // one step per line: easy to read and to edit
  const J = JSON.stringify;
  const line = (s) => `    {"id": ${J(s.id)}, "tool": ${J(s.tool)}, "args": {` +
    Object.entries(s.args || {}).map(([k, v]) => `${J(k)}: ${J(v)}`).join(", ") + "}}";
  return `{"steps": [\n${steps.map(line).join(",\n")}\n]}`;
}

function track(jobId, steps, note, known = [], status = "running") {
  const rows = {};
  const list = el("ul", { class: "steps" }, steps.map((s) => {
    const bar = el("i"), st = el("span", { class: "state" }, "waiting");
    rows[s.id] = { li: el("li", { "data-step": s.id }, el("b", {}, s.id), el("span", {}, s.tool), el("div", { class: "bar" }, bar), st), bar, st };
    return rows[s.id].li;
  }));
  const outputs = el("div", { class: "outputs" });
  const title = el("h3", {}, status === "queued" ? "Queued" : "Running");  // until the events say more
  const stop = el("button", { class: "ghost cancel", type: "button", title: "stop this job; finished steps stay cached" }, "Cancel");
  stop.addEventListener("click", async () => {
    stop.disabled = true;
    try { const r = await api("DELETE", `/v1/jobs/${jobId}`); note.textContent = r.status; title.textContent = "Cancelling"; }
    catch (err) { showError(err, card); }
  });
  const card = message("bot", el("div", { class: "jobhead" }, title, stop), list, outputs);
  card.classList.add("job"); card.dataset.job = jobId;
  const setStep = (ev) => {
    const row = rows[ev.step]; if (!row) return;
    const status = { started: "running", progress: "running", finished: "done", running: "running" }[ev.type] || ev.type;
    row.li.className = status;
    if (ev.fraction !== null && ev.fraction !== undefined) row.bar.style.width = `${Math.round(ev.fraction * 100)}%`;
    row.st.textContent = ev.type === "progress" ? `${Math.round(ev.fraction * 100)}%` : status;
    if (ev.message && (ev.type === "failed" || ev.type === "skipped")) row.li.title = ev.message;
  };
  const finish = (job) => {
    stop.remove();
    if (job.status === "cancelled")  // steps that had not finished were stopped
      for (const row of Object.values(rows)) if (!["done", "cached", "failed", "skipped"].includes(row.li.className)) {
        row.li.className = "cancelled"; row.st.textContent = "cancelled";
      }
    title.textContent = { succeeded: "Done", cancelled: "Cancelled" }[job.status] || "Failed";
    note.textContent = job.status;
    card.dataset.status = job.status;
    if (job.error && job.status !== "cancelled") showError(new Error(job.error), card);
    showOutputs(outputs, job.outputs || []);
    if (job.status === "succeeded" && !card.querySelector(".again")) { const again = againButton(steps); if (again) card.append(again); }
    scrollDown();
    for (const media of outputs.querySelectorAll("img, video"))  // their height is known once loaded
      media.addEventListener(media.tagName === "IMG" ? "load" : "loadedmetadata", scrollDown, { once: true });
  };
  for (const k of known) if (k.status && k.status !== "waiting") setStep({ step: k.id, type: k.status, fraction: k.fraction });
  const source = new EventSource(`/v1/jobs/${jobId}/events`);
  for (const t of ["started", "progress", "finished", "cached", "failed", "skipped", "cancelled"])
    source.addEventListener(t, (e) => setStep(JSON.parse(e.data)));
  source.addEventListener("job", (e) => {
    const ev = JSON.parse(e.data);
    if (ev.status === "running") title.textContent = "Running";
    if (ev.status === "queued") title.textContent = "Queued";
    if (ev.status === "running" || ev.status === "queued") note.textContent = ev.status;
    if (["succeeded", "failed", "cancelled"].includes(ev.status)) { source.close(); finish(ev); }
  });
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) return;  // the browser reconnects by itself
    api("GET", `/v1/jobs/${jobId}`).then((job) => { if (["succeeded", "failed", "cancelled"].includes(job.status)) finish(job); });
  };
}

// -- outputs -------------------------------------------------------------------------------------
function showOutputs(into, all) {  // final results first and large; what they were made from folds away
  const finals = all.filter((o) => o.final !== false), steps = all.filter((o) => o.final === false);
  for (const o of finals) into.append(renderOutput(o, true));
  if (!steps.length) return;
  const fold = el("details", { class: "intermediate" }, el("summary", {}, `${steps.length} intermediate result${steps.length === 1 ? "" : "s"}`));
  for (const o of steps) fold.append(renderOutput(o));
  into.append(fold);
}

function judged(o) {  // the check's scores and problems, and what the backend could not make
  const out = [];
  if (o.check) {
    const problems = (o.check.problems || []).map((p) => el("li", {}, `${p.what}: expected ${p.expected}, found ${p.found}`));
    out.push(el("div", { class: `check ${o.check.ok ? "ok" : "problems"}` }, o.check.summary || "", problems.length ? el("ul", {}, problems) : null));
  }
  for (const n of o.notes || []) out.push(el("div", { class: "note muted" }, n));
  return out;
}

function renderOutput(o, final = false) {
  const download = el("a", { href: `${o.url}?download=1`, download: "" }, "download");
  const caption = el("div", { class: "caption" }, el("span", {}, o.step ? `${o.step} · ${o.tool}` : "upload"),
                     el("span", {}, o.kind), download);
  const box = el("div", { class: "output", "data-kind": o.kind, "data-sha": o.sha256 });
  if (o.kind === "image") box.append(pickable(o));
  else if (o.kind === "mask") box.append(el("img", { class: "mask", src: o.url, alt: "mask" }));
  else if (o.kind === "audio") box.append(el("audio", { controls: true, preload: "metadata", src: o.url }));
  else if (o.kind === "video") box.append(el("video", { controls: true, preload: "metadata", src: o.url, playsinline: true }));
  else if (o.kind === "mesh") {
    // Google's <model-viewer> (vendored: web/model-viewer.min.js): orbit, zoom, PBR, animation, AR
    const viewer = el("model-viewer", { class: "glb", src: o.url, alt: `${o.tool || "uploaded"} 3D model`,
                                        "camera-controls": "", "touch-action": "pan-y", "shadow-intensity": "1",
                                        autoplay: "", ar: "", title: "drag to turn, wheel to zoom" });
    viewer.addEventListener("error", () => showError(new Error("the 3D model could not be shown"), box));
    box.append(viewer);
  } else if (o.kind === "motion") {  // BVH: watched as video once filmed (motion.render)
    box.append(el("p", { class: "text" }, "BVH motion for Blender or MotionBuilder; ask to \"film the motion\" (motion.render) to watch it here as a video."));
  } else if (["text", "layout", "storyboard"].includes(o.kind)) {
    const pre = el("pre", { class: "text" }, "…");
    fetch(o.url, { credentials: "same-origin" }).then((r) => r.text()).then((t) => { pre.textContent = t; });
    box.append(pre);
  }
  box.append(caption, ...judged(o));
  if (final) box.classList.add("final");
  return box;
}

function pickable(o) {  // click: a point; drag: a box (in the image's own pixels)
  const img = el("img", { src: o.url, alt: `${o.tool || "uploaded"} image`, class: "result-image", draggable: "false" });
  const wrap = el("span", { class: "pick", title: "click on something, or drag a box around it" }, img);
  let start = null;
  const at = (ev) => {
    const r = img.getBoundingClientRect();
    return [Math.round(Math.min(Math.max(ev.clientX - r.left, 0), r.width) * img.naturalWidth / r.width),
            Math.round(Math.min(Math.max(ev.clientY - r.top, 0), r.height) * img.naturalHeight / r.height)];
  };
  const place = (node, x0, y0, x1 = x0, y1 = y0) => {  // a point when x1, y1 are left out
    node.style.left = `${100 * Math.min(x0, x1) / img.naturalWidth}%`;
    node.style.top = `${100 * Math.min(y0, y1) / img.naturalHeight}%`;
    const box = node.classList.contains("box");
    node.style.width = box ? `${100 * Math.abs(x1 - x0) / img.naturalWidth}%` : "";
    node.style.height = box ? `${100 * Math.abs(y1 - y0) / img.naturalHeight}%` : "";
  };
  img.addEventListener("pointerdown", (ev) => {
    ev.preventDefault(); img.setPointerCapture(ev.pointerId);
    start = at(ev);
    for (const m of wrap.querySelectorAll(".mask-preview")) m.remove();
    if (state.marker) state.marker.remove();
    state.marker = el("span", { class: "marker" });
    place(state.marker, ...start);
    wrap.append(state.marker);
  });
  img.addEventListener("pointermove", (ev) => {
    if (!start) return;
    const [x, y] = at(ev);
    const dragged = Math.abs(x - start[0]) + Math.abs(y - start[1]) > 8;
    state.marker.className = dragged ? "marker box" : "marker";
    if (dragged) place(state.marker, start[0], start[1], x, y); else place(state.marker, ...start);
  });
  img.addEventListener("pointerup", (ev) => {
    if (!start) return;
    const [x, y] = at(ev), [x0, y0] = start;
    start = null;
    if (Math.abs(x - x0) + Math.abs(y - y0) > 8) {
      const box = [Math.min(x0, x), Math.min(y0, y), Math.max(x0, x), Math.max(y0, y)];
      select({ image: o.sha256, box }, `the box (${box.join(", ")})`);
    } else {
      place(state.marker, x0, y0);
      select({ image: o.sha256, point: [x0, y0] }, `the point (${x0}, ${y0})`);
    }
  });
  return wrap;
}

function select(selection, words) {
  state.selection = selection;
  $("#selection-text").textContent = `Selected ${words}. Say what to do with it:`;
  $("#selection").hidden = false;
  promptBox.placeholder = "remove it · replace it with a cat";
  promptBox.focus({ preventScroll: true });
  // keep the selection in sight above the composer (the marker's scroll margin clears the footer)
  if (state.marker) state.marker.scrollIntoView({ block: "nearest" });
  previewMask(selection, state.marker);
}

async function previewMask(selection, marker) {  // the region that remove / replace will use, before asking
  const { image, point, box } = selection;
  const args = point ? { image, point } : { image, box };
  const plan = { steps: [{ id: "s1", tool: "image.segment", args }] };
  let job;
  try {
    job = await api("POST", "/v1/jobs", { plan });  // no session: a preview is not a turn of the talk
    for (let i = 0; i < 300 && !["succeeded", "failed"].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 150));
      job = await api("GET", `/v1/jobs/${job.id}`);
    }
  } catch (e) { return; }  // the preview is a help; asking still works without it
  const mask = (job.outputs || []).find((o) => o.kind === "mask");
  if (state.selection !== selection || !marker || !mask) {
    if (state.selection === selection && job.error) $("#selection-text").textContent += ` (no mask: ${job.error})`;
    return;
  }
  const wrap = marker.parentElement;
  for (const old of wrap.querySelectorAll(".mask-preview")) old.remove();
  wrap.append(el("img", { class: "mask-preview", src: mask.url, alt: "the region that will be used" }));
  $("#selection-text").textContent = $("#selection-text").textContent.replace(/\. Say what/, " (the highlighted region). Say what");
}

function clearSelection(keepMarker = false) {  // after asking, the marker stays as a record
  for (const m of document.querySelectorAll(".mask-preview")) m.remove();
  if (state.marker && keepMarker !== true) state.marker.remove();
  if (state.marker) state.marker.classList.add("used");
  state.marker = null; state.selection = null;
  $("#selection").hidden = true;
  promptBox.placeholder = "What should I make?";
}
$("#clear-selection").addEventListener("click", clearSelection);
$("#quick-remove").addEventListener("click", () => ask("remove it"));
$("#quick-replace").addEventListener("click", () => { promptBox.value = "replace it with "; promptBox.focus(); });

// -- uploads -------------------------------------------------------------------------------------
async function upload(file) {
  const form = new FormData();
  form.append("file", file);
  if (state.session) form.append("session", state.session);
  const bubble = message("user", el("span", { class: "muted" }, `uploading ${file.name || "a file"}…`));
  try { bubble.replaceChildren(renderOutput(await api("POST", "/v1/uploads", form))); }
  catch (e) { bubble.replaceChildren(); showError(e, bubble); }
}

$("#file").addEventListener("change", (ev) => {
  for (const file of ev.target.files) upload(file);
  ev.target.value = "";
});
// files dropped on the page or pasted (a screenshot, say) are uploaded too
document.addEventListener("dragover", (ev) => ev.preventDefault());
document.addEventListener("drop", (ev) => { ev.preventDefault(); for (const f of ev.dataTransfer.files) upload(f); });
document.addEventListener("paste", (ev) => { for (const f of ev.clipboardData.files) upload(f); });

start();
