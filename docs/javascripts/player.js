/*
 * Open Acupoints: the routine player and the press timer.
 *
 * The generator writes, on every routine page and every self-care point page, an empty hidden
 * element .oa-player whose data-oa-player holds the steps as JSON (generator/timer.py): the
 * point codes, the instruction, the sides to press (one pass per side) and the numbers of the
 * timing (steady seconds, or press/release seconds and rounds). This script turns it into a
 * player: Start, then one step and side at a time with a countdown (role="timer"), the
 * press/release rhythm as a pulse with its rounds counted, Pause/Resume, Back, Skip and Stop,
 * and every new step and side said through a polite live region. Sound and vibration cues are
 * off until the reader turns them on; the screen stays awake while the player runs where the
 * browser allows it. Text from the data is only ever set as text. Without JavaScript the page
 * is complete and the element stays hidden.
 *
 * window.openAcupointsPlayer.mount(element, data) builds a player anywhere (the My points page).
 */
(function () {
  "use strict";

  var GET_READY = 5;  // seconds to find the point before each side, unless the data says (data.ready)
  var TICK = 200;     // milliseconds between updates of the countdown
  var running = [];   // players on the current page, stopped when the page changes

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(label, className, name) {
    var b = el("button", "md-button oa-player__button" + (className ? " " + className : ""), label);
    b.type = "button";
    if (name) b.setAttribute("aria-label", name);
    return b;
  }

  function setting(key) {
    try { return localStorage.getItem("oa-player:" + key) === "on"; } catch (error) { return false; }
  }

  function store(key, on) {
    try { if (on) localStorage.setItem("oa-player:" + key, "on"); else localStorage.removeItem("oa-player:" + key); } catch (error) { /* private mode */ }
  }

  function clock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function spoken(seconds) {
    if (seconds % 60 === 0) return seconds === 60 ? "1 minute" : seconds / 60 + " minutes";
    if (seconds > 60) return Math.floor(seconds / 60) + " minutes " + (seconds % 60) + " seconds";
    return seconds + " seconds";
  }

  // One side of one step: how long, and in which rhythm.
  function perSide(step) {
    if (step.seconds) return step.seconds;
    return step.rounds * (step.press + step.release);
  }

  function howLong(step) {
    if (step.seconds) return "Press steadily for " + spoken(step.seconds) + ".";
    return "Press " + step.press + " seconds, release " + step.release + (step.release === 1 ? " second" : " seconds") + ", " + step.rounds + " times.";
  }

  // The parts the player runs through: every side of every step.
  function segments(data) {
    var out = [];
    data.steps.forEach(function (step, i) {
      step.passes.forEach(function (pass, j) {
        out.push({ step: step, index: i, pass: pass, side: j, sides: step.passes.length, length: perSide(step) });
      });
    });
    return out;
  }

  function totalSeconds(parts, ready) {
    return parts.reduce(function (sum, part) { return sum + part.length + ready; }, 0);
  }

  function Cues() {
    this.context = null;
  }
  Cues.prototype.prepare = function () {
    if (!setting("sound") || this.context) return;
    var Audio = window.AudioContext || window.webkitAudioContext;
    if (Audio) { try { this.context = new Audio(); } catch (error) { this.context = null; } }
  };
  Cues.prototype.play = function (kind) {
    var tones = { press: [660], release: [440], side: [523, 659], step: [523, 659, 784], done: [784, 659, 523] }[kind] || [600];
    if (setting("sound") && this.context) {
      var context = this.context, start = context.currentTime;
      tones.forEach(function (frequency, i) {
        var osc = context.createOscillator(), gain = context.createGain();
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + i * 0.16);
        gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.16 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.16 + 0.14);
        osc.connect(gain).connect(context.destination);
        osc.start(start + i * 0.16);
        osc.stop(start + i * 0.16 + 0.15);
      });
    }
    if (setting("vibrate") && navigator.vibrate) {
      navigator.vibrate({ press: [120], release: [40], side: [150, 80, 150], step: [200, 100, 200], done: [400] }[kind] || [100]);
    }
  };

  function WakeLock() { this.lock = null; this.wanted = false; }
  WakeLock.prototype.hold = function () {
    var self = this;
    self.wanted = true;
    if (!("wakeLock" in navigator) || self.lock || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (lock) {
      if (!self.wanted) { lock.release(); return; }
      self.lock = lock;
      lock.addEventListener("release", function () { self.lock = null; });
    }).catch(function () { /* not allowed here (battery saver, frame) */ });
  };
  WakeLock.prototype.free = function () {
    this.wanted = false;
    if (this.lock) { this.lock.release().catch(function () {}); this.lock = null; }
  };

  function Player(root, data) {
    this.root = root;
    this.data = data;
    this.parts = segments(data);
    this.ready = typeof data.ready === "number" && data.ready >= 0 ? data.ready : GET_READY;
    this.cues = new Cues();
    this.wake = new WakeLock();
    this.timer = null;
    this.build();
  }

  Player.prototype.build = function () {
    var self = this, data = this.data, root = this.root;
    root.textContent = "";
    root.hidden = false;
    var routine = data.kind !== "point";
    var minutes = Math.max(1, Math.round(totalSeconds(this.parts, this.ready) / 60));
    var summary = routine
      ? data.steps.length + " steps, about " + minutes + (minutes === 1 ? " minute" : " minutes")
      : (this.parts.length > 1 ? "each side: " : "") + howLong(data.steps[0]).replace(/\.$/, "").toLowerCase();

    this.idle = el("div", "oa-player__idle");
    var heading = el("p", "oa-player__heading");
    heading.append(el("strong", null, routine ? "Guided routine" : "Press timer"), " · " + summary);
    this.start = button(routine ? "Start routine" : "Start press timer", "md-button--primary oa-player__start",
      (routine ? "Start routine: " : "Start press timer: ") + summary);
    var settings = el("div", "oa-player__settings");
    settings.append(this.option("sound", "Sound cues"));
    if (navigator.vibrate) settings.append(this.option("vibrate", "Vibration"));
    this.idle.append(heading, this.start, settings);

    this.active = el("div", "oa-player__active");
    this.active.hidden = true;
    this.where = el("p", "oa-player__where");
    this.points = el("p", "oa-player__points");
    var dial = el("div", "oa-player__dial");
    this.pulse = el("span", "oa-player__pulse");
    this.pulse.setAttribute("aria-hidden", "true");
    this.count = el("p", "oa-player__count");
    this.count.setAttribute("role", "timer");
    this.count.setAttribute("aria-label", "Time left");
    this.phase = el("p", "oa-player__phase");
    dial.append(this.pulse, this.count, this.phase);
    this.figure = el("div", "oa-player__figure");
    this.instruction = el("p", "oa-player__instruction");
    this.movement = el("p", "oa-player__movement");
    var controls = el("div", "oa-player__controls");
    this.back = button("Back", null, "Back to the previous step");
    this.pause = button("Pause", "oa-player__pause");
    this.skip = button("Skip", null, "Skip to the next step");
    this.stopButton = button("Stop", null, "Stop the " + (routine ? "routine" : "timer"));
    controls.append(this.back, this.pause, this.skip, this.stopButton);
    this.active.append(this.where, this.points, dial, this.figure, this.instruction, this.movement, controls);

    this.live = el("p", "oa-player__live");
    this.live.setAttribute("aria-live", "polite");
    this.live.setAttribute("role", "status");
    root.append(this.idle, this.active, this.live);

    this.start.addEventListener("click", function () { self.begin(); });
    this.pause.addEventListener("click", function () { if (self.paused) self.resume(); else self.hold(); });
    this.back.addEventListener("click", function () { self.go(self.position - 1); });
    this.skip.addEventListener("click", function () { self.go(self.position + 1); });
    this.stopButton.addEventListener("click", function () { self.stop("Stopped."); });
  };

  Player.prototype.option = function (key, label) {
    var box = el("label", "oa-player__option"), input = el("input");
    input.type = "checkbox";
    input.checked = setting(key);
    input.addEventListener("change", function () { store(key, input.checked); });
    box.append(input, " " + label);
    return box;
  };

  Player.prototype.say = function (text) {
    // A change of text is what a live region announces; clear first so a repeat is said again.
    var live = this.live;
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  };

  Player.prototype.begin = function () {
    running.forEach(function (other) { if (other !== this) other.stop(); }, this);
    if (running.indexOf(this) < 0) running.push(this);
    this.cues.prepare();
    this.idle.hidden = true;
    this.active.hidden = false;
    this.paused = false;
    this.pause.textContent = "Pause";
    this.go(0);
    this.pause.focus({ preventScroll: true });
    this.root.scrollIntoView({ block: "start" });
    this.wake.hold();
    var self = this;
    clearInterval(this.timer);
    this.timer = setInterval(function () { self.tick(); }, TICK);
  };

  // Start part n of the routine: GET_READY seconds to find the point, then the pressing.
  Player.prototype.go = function (n) {
    if (n >= this.parts.length) { this.finish(); return; }
    this.position = Math.max(0, n);
    var part = this.parts[this.position], step = part.step;
    this.elapsed = 0;
    this.last = Date.now();
    this.lastPhase = null;
    var routine = this.data.kind !== "point";
    this.where.textContent = (routine ? "Step " + (part.index + 1) + " of " + this.data.steps.length + " · " : "") + part.pass.side;
    this.points.textContent = step.title;
    this.instruction.textContent = step.instruction;
    this.movement.textContent = step.movement ? "While pressing: " + step.movement : "";
    this.movement.hidden = !step.movement;
    this.showFigure(part);
    this.back.disabled = this.position === 0;
    var stepOf = routine ? "Step " + (part.index + 1) + " of " + this.data.steps.length : "";
    var words = (part.side > 0 ? (routine ? stepOf + ", other side: " : "Other side: ") : (routine ? stepOf + ": " : "")) + step.codes.join(", ") + ". ";
    words += (part.pass.announce ? part.pass.announce + " " : "") + howLong(step) + " Get ready.";
    this.say(words);
    this.cues.play(part.side > 0 ? "side" : "step");
    this.render();
  };

  // The step's own figure from the routine page, without its ids (they belong to the original).
  Player.prototype.showFigure = function (part) {
    this.figure.textContent = "";
    if (this.data.kind !== "routine") return;
    var heading = document.querySelectorAll(".md-content h2[id^='step-']")[part.index];
    var next = heading && heading.nextElementSibling, figure = null;
    while (next && next.tagName !== "H2" && !figure) {
      figure = next.matches(".oa-figure") ? next : next.querySelector(".oa-figure");
      next = next.nextElementSibling;
    }
    if (!figure) return;
    var svg = figure.querySelector("svg");
    if (!svg) return;
    var copy = svg.cloneNode(true);
    copy.removeAttribute("aria-labelledby");
    copy.setAttribute("aria-hidden", "true");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    this.figure.append(copy);
  };

  Player.prototype.tick = function () {
    var now = Date.now();
    if (!this.paused) this.elapsed += (now - this.last) / 1000;
    this.last = now;
    var part = this.parts[this.position];
    if (this.elapsed >= this.ready + part.length) { this.go(this.position + 1); return; }
    this.render();
  };

  Player.prototype.render = function () {
    var part = this.parts[this.position], step = part.step, t = this.elapsed;
    var phase, left, progress;
    if (t < this.ready) {
      phase = "Get ready: find the point";
      left = this.ready - t;
      progress = 0;
      this.root.dataset.phase = "ready";
    } else {
      var pressed = t - this.ready;
      left = part.length - pressed;
      progress = pressed / part.length;
      if (step.seconds) {
        phase = "Press and hold";
        this.root.dataset.phase = "press";
      } else {
        var cycle = step.press + step.release, round = Math.min(step.rounds, Math.floor(pressed / cycle) + 1);
        var pressing = pressed - (round - 1) * cycle < step.press;
        phase = (pressing ? "Press" : "Release") + " · round " + round + " of " + step.rounds;
        this.root.dataset.phase = pressing ? "press" : "release";
        var now = (pressing ? "press" : "release") + round;
        if (now !== this.lastPhase) {
          if (this.lastPhase !== null || pressing) this.cues.play(pressing ? "press" : "release");
          this.lastPhase = now;
          this.pulse.style.animationDuration = (pressing ? step.press : step.release) + "s";
        }
      }
    }
    this.count.textContent = clock(left);
    this.phase.textContent = phase;
    this.root.style.setProperty("--oa-progress", String(Math.min(1, Math.max(0, progress))));
  };

  Player.prototype.hold = function () {
    this.paused = true;
    this.root.dataset.paused = "true";
    this.pause.textContent = "Resume";
    this.wake.free();
    this.say("Paused.");
  };

  Player.prototype.resume = function () {
    this.paused = false;
    this.last = Date.now();
    delete this.root.dataset.paused;
    this.pause.textContent = "Pause";
    this.wake.hold();
    this.say("Resumed.");
  };

  Player.prototype.finish = function () {
    this.cues.play("done");
    this.stop(this.data.kind === "point" ? "Done. Notice how the area feels now." : "Routine finished. Notice how you feel now.");
  };

  Player.prototype.stop = function (message) {
    clearInterval(this.timer);
    this.timer = null;
    this.wake.free();
    this.paused = false;
    delete this.root.dataset.paused;
    delete this.root.dataset.phase;
    this.active.hidden = true;
    this.idle.hidden = false;
    if (message) {
      this.start.textContent = this.data.kind === "point" ? "Start again" : "Start the routine again";
      this.say(message);
      this.start.focus();
    }
    running = running.filter(function (p) { return p !== this; }, this);
  };

  function mount(root, data) {
    if (!data || !data.steps || !data.steps.length) return null;
    return new Player(root, data);
  }

  function init() {
    running.slice().forEach(function (player) { player.stop(); });
    running = [];
    document.querySelectorAll(".oa-player[data-oa-player]").forEach(function (root) {
      var data;
      try { data = JSON.parse(root.getAttribute("data-oa-player")); } catch (error) { return; }
      mount(root, data);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") running.forEach(function (p) { if (!p.paused) p.wake.hold(); });
  });

  window.openAcupointsPlayer = { mount: mount, playing: function () { return running.length; } };

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
