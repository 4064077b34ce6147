// devskyy's page probe for `verify experience` (docs/experience.md). Chromium runs it in every
// document before the page's own scripts, in the page's world, so that it sees the page's WebGL
// calls, animation frames, analytics pushes and structured logs. It only counts: it changes no
// behaviour of the page. Its results are read through one frozen object under a per-run random
// name; devskyy fills in that name and the spec's analytics events before injecting it. The page
// runs in the same world, so it can falsify its own figures (they measure an honest page), but it
// cannot harm devskyy, which reads every figure as a bounded number.
(() => {
  'use strict';
  const NAME = 'PROBE_NAME';
  // the spec's analytics events: always kept, however many others come first
  const EXPECTED = new Set(EXPECTED_EVENTS);
  if (Object.prototype.hasOwnProperty.call(globalThis, NAME)) {
    return;
  }
  const LIMIT = 200; // entries kept per list: a page that logs without end costs a bounded report
  // built-ins as they are before any page script runs
  const now = performance.now.bind(performance);
  const { max, floor } = Math;
  const toNumber = Number;
  const listFrom = Array.from;
  const microtask = queueMicrotask.bind(globalThis);
  const state = {
    canvasAt: -1,
    firstDrawAt: -1,
    rafCallbacks: 0,
    frames: 0,
    maxFrameDrawCalls: 0,
    maxFrameTriangles: 0,
    textureBytes: 0,
    maxTextureBytes: 0,
  };
  const events = new Set();
  const logs = new Set(); // distinct structured events logged; the fallback's always kept
  let fallbackLogged = 0;
  const activations = new Set();
  const contexts = [];
  const keep = (list, value) => {
    if (list.length < LIMIT) {
      list.push(value);
    }
  };
  const text = (value) => (typeof value === 'string' ? value.slice(0, 200) : null);

  // --- frames: draws in one animation-frame tick (its timestamp), else in one task, are a frame
  let rafTick = null;
  let turn = 0;
  let inTurn = false;
  let frameKey = null;
  let frameDrawCalls = 0;
  let frameTriangles = 0;
  const closeFrame = () => {
    state.maxFrameDrawCalls = max(state.maxFrameDrawCalls, frameDrawCalls);
    state.maxFrameTriangles = max(state.maxFrameTriangles, frameTriangles);
    frameDrawCalls = 0;
    frameTriangles = 0;
  };
  const frame = () => {
    if (rafTick !== null) {
      return 'r' + rafTick;
    }
    if (!inTurn) {
      inTurn = true;
      turn++;
      microtask(() => {
        inTurn = false;
      });
    }
    return 't' + turn;
  };
  const TRIANGLES = 4;
  const TRIANGLE_STRIP = 5;
  const TRIANGLE_FAN = 6;
  const triangles = (mode, count) => {
    const n = toNumber(count) || 0;
    if (mode === TRIANGLES) {
      return floor(n / 3);
    }
    return mode === TRIANGLE_STRIP || mode === TRIANGLE_FAN ? max(n - 2, 0) : 0;
  };
  const draw = (mode, count, instances) => {
    const key = frame();
    if (key !== frameKey) {
      closeFrame();
      frameKey = key;
      state.frames++;
    }
    if (state.firstDrawAt < 0) {
      state.firstDrawAt = now();
    }
    frameDrawCalls++;
    frameTriangles += triangles(mode, count) * max(toNumber(instances) || 0, 0);
  };
  const sum = (list, offset, n) => {
    let total = 0;
    for (let i = 0; i < n && offset + i < list.length; i++) {
      total += toNumber(list[offset + i]) || 0;
    }
    return total;
  };
  const instancedTriangles = (mode, counts, countsOffset, instances, instancesOffset, n) => {
    let total = 0;
    for (let i = 0; i < n && countsOffset + i < counts.length; i++) {
      total += triangles(mode, counts[countsOffset + i]) * (toNumber(instances[instancesOffset + i]) || 0);
    }
    return total;
  };

  const wrap = (target, name, before) => {
    const original = target && target[name];
    if (typeof original !== 'function') {
      return;
    }
    Object.defineProperty(target, name, {
      value: function (...args) {
        before(this, args);
        return original.apply(this, args);
      },
      writable: true,
      configurable: true,
    });
  };

  // --- texture memory: bytes per level of each live texture, as uploaded
  const SIZED = new Map([
    [0x8058, 4], [0x8c43, 4], [0x8051, 3], [0x8c41, 3], [0x881a, 8], [0x881b, 6], [0x8814, 16],
    [0x8815, 12], [0x8229, 1], [0x822b, 2], [0x822d, 2], [0x822f, 4], [0x822e, 4], [0x8230, 8],
    [0x81a5, 2], [0x81a6, 4], [0x8cac, 4], [0x88f0, 4], [0x8cad, 8], [0x8d62, 2], [0x8056, 2],
    [0x8057, 2], [0x8c3a, 4], [0x8c3d, 4], [0x8059, 4],
    // compressed, per texel: S3TC, RGTC, BPTC, ETC2/EAC, ASTC 4x4 and PVRTC 4 bpp (blocks rounded away)
    [0x83f0, 0.5], [0x83f1, 0.5], [0x83f2, 1], [0x83f3, 1], [0x8c4c, 0.5], [0x8c4d, 0.5], [0x8c4e, 1],
    [0x8c4f, 1], [0x8dbb, 0.5], [0x8dbc, 0.5], [0x8dbd, 1], [0x8dbe, 1], [0x8e8c, 1], [0x8e8d, 1], [0x8e8e, 1],
    [0x8e8f, 1], [0x9270, 0.5], [0x9271, 0.5], [0x9272, 1], [0x9273, 1], [0x9274, 0.5], [0x9275, 0.5],
    [0x9276, 0.5], [0x9277, 0.5], [0x9278, 1], [0x9279, 1], [0x93b0, 1], [0x93d0, 1], [0x8c00, 0.5],
    [0x8c02, 0.5], [0x8d64, 0.5],
  ]);
  const COMPONENTS = new Map([
    [0x1908, 4], [0x1907, 3], [0x190a, 2], [0x1909, 1], [0x1906, 1], [0x1903, 1], [0x8227, 2], [0x1902, 1],
  ]);
  const COMPONENT_BYTES = new Map([
    [0x1401, 1], [0x1400, 1], [0x1403, 2], [0x1402, 2], [0x1405, 4], [0x1404, 4], [0x1406, 4], [0x140b, 2],
    [0x8d61, 2],
  ]);
  const PIXEL_BYTES = new Map([
    [0x8363, 2], [0x8033, 2], [0x8034, 2], [0x84fa, 4], [0x8368, 4], [0x8c3b, 4], [0x8c3e, 4], [0x8dad, 8],
  ]);
  const texelBytes = (internalFormat, format, type) => {
    if (SIZED.has(internalFormat)) {
      return SIZED.get(internalFormat);
    }
    if (PIXEL_BYTES.has(type)) {
      return PIXEL_BYTES.get(type);
    }
    return (COMPONENTS.get(format) || 4) * (COMPONENT_BYTES.get(type) || 1);
  };
  const TEXTURE_CUBE_MAP = 0x8513;
  const TEXTURE0 = 0x84c0;
  const bindingOf = (target) => (target >= 0x8515 && target <= 0x851a ? TEXTURE_CUBE_MAP : target);
  const glState = new WeakMap();
  const stateOf = (gl) => {
    let s = glState.get(gl);
    if (!s) {
      s = { unit: TEXTURE0, bound: new Map() };
      glState.set(gl, s);
    }
    return s;
  };
  const textures = new Map(); // WebGLTexture -> Map(level key -> bytes)
  const setLevel = (texture, key, bytes) => {
    if (!texture) {
      return;
    }
    let levels = textures.get(texture);
    if (!levels) {
      levels = new Map();
      textures.set(texture, levels);
    }
    state.textureBytes += bytes - (levels.get(key) || 0);
    levels.set(key, bytes);
    state.maxTextureBytes = max(state.maxTextureBytes, state.textureBytes);
  };
  const bound = (gl, target) => stateOf(gl).bound.get(stateOf(gl).unit + ':' + bindingOf(target));
  const dimension = (source, names) => {
    for (const name of names) {
      const value = source && toNumber(source[name]);
      if (value > 0) {
        return value;
      }
    }
    return 0;
  };
  const WIDTHS = ['videoWidth', 'naturalWidth', 'displayWidth', 'codedWidth', 'width'];
  const HEIGHTS = ['videoHeight', 'naturalHeight', 'displayHeight', 'codedHeight', 'height'];

  const instrument = (proto) => {
    if (!proto) {
      return;
    }
    wrap(proto, 'drawArrays', (gl, a) => draw(a[0], a[2], 1));
    wrap(proto, 'drawElements', (gl, a) => draw(a[0], a[1], 1));
    wrap(proto, 'drawArraysInstanced', (gl, a) => draw(a[0], a[2], a[3]));
    wrap(proto, 'drawElementsInstanced', (gl, a) => draw(a[0], a[1], a[4]));
    wrap(proto, 'drawRangeElements', (gl, a) => draw(a[0], a[3], 1));
    wrap(proto, 'activeTexture', (gl, a) => {
      stateOf(gl).unit = a[0];
    });
    wrap(proto, 'bindTexture', (gl, a) => {
      stateOf(gl).bound.set(stateOf(gl).unit + ':' + a[0], a[1]);
    });
    wrap(proto, 'deleteTexture', (gl, a) => {
      const levels = textures.get(a[0]);
      if (levels) {
        for (const bytes of levels.values()) {
          state.textureBytes -= bytes;
        }
        textures.delete(a[0]);
      }
    });
    wrap(proto, 'texImage2D', (gl, a) => {
      const sized = a.length >= 8;
      const width = sized ? toNumber(a[3]) : dimension(a[5], WIDTHS);
      const height = sized ? toNumber(a[4]) : dimension(a[5], HEIGHTS);
      const bytes = width * height * texelBytes(a[2], sized ? a[6] : a[3], sized ? a[7] : a[4]);
      setLevel(bound(gl, a[0]), a[0] + ':' + a[1], bytes);
    });
    wrap(proto, 'texImage3D', (gl, a) => {
      setLevel(bound(gl, a[0]), a[0] + ':' + a[1], a[3] * a[4] * a[5] * texelBytes(a[2], a[7], a[8]));
    });
    // compressed data is counted as given; from a pixel-unpack buffer (WebGL 2), by its imageSize
    const compressedBytes = (data) => (data && typeof data.byteLength === 'number' ? data.byteLength : toNumber(data) || 0);
    wrap(proto, 'compressedTexImage2D', (gl, a) => {
      setLevel(bound(gl, a[0]), a[0] + ':' + a[1], compressedBytes(a[6]));
    });
    wrap(proto, 'compressedTexImage3D', (gl, a) => {
      setLevel(bound(gl, a[0]), a[0] + ':' + a[1], compressedBytes(a[7]));
    });
    wrap(proto, 'copyTexImage2D', (gl, a) => {
      setLevel(bound(gl, a[0]), a[0] + ':' + a[1], a[5] * a[6] * texelBytes(a[2], 0, 0));
    });
    wrap(proto, 'texStorage2D', (gl, a) => {
      const faces = bindingOf(a[0]) === TEXTURE_CUBE_MAP ? 6 : 1;
      for (let level = 0; level < a[1] && level < 32; level++) {
        const texels = max(a[3] >> level, 1) * max(a[4] >> level, 1);
        setLevel(bound(gl, a[0]), 'storage:' + level, faces * texels * texelBytes(a[2], 0, 0));
      }
    });
    wrap(proto, 'texStorage3D', (gl, a) => {
      for (let level = 0; level < a[1] && level < 32; level++) {
        const texels = max(a[3] >> level, 1) * max(a[4] >> level, 1) * a[5];
        setLevel(bound(gl, a[0]), 'storage:' + level, texels * texelBytes(a[2], 0, 0));
      }
    });
    wrap(proto, 'generateMipmap', (gl, a) => {
      const texture = bound(gl, a[0]);
      const levels = texture && textures.get(texture);
      // storage allocated every level already; an image uploaded level 0 only, and gains a third
      if (levels && !levels.has('storage:0')) {
        let base = 0;
        for (const [key, bytes] of levels) {
          if (key.endsWith(':0')) {
            base += bytes;
          }
        }
        setLevel(texture, 'mipmaps', floor(base / 3));
      }
    });
    const getExtension = proto.getExtension;
    Object.defineProperty(proto, 'getExtension', {
      value: function (...args) {
        const ext = getExtension.apply(this, args);
        if (ext && !instrumented.has(ext)) {
          instrumented.add(ext);
          wrap(ext, 'drawArraysInstancedANGLE', (e, a) => draw(a[0], a[2], a[3]));
          wrap(ext, 'drawElementsInstancedANGLE', (e, a) => draw(a[0], a[1], a[4]));
          wrap(ext, 'multiDrawArraysWEBGL', (e, a) => draw(a[0], sum(a[3], a[4], a[5]), 1));
          wrap(ext, 'multiDrawElementsWEBGL', (e, a) => draw(a[0], sum(a[1], a[2], a[6]), 1));
          wrap(ext, 'multiDrawArraysInstancedWEBGL', (e, a) => {
            draw(a[0], 0, 0);
            frameTriangles += instancedTriangles(a[0], a[3], a[4], a[5], a[6], a[7]);
          });
          wrap(ext, 'multiDrawElementsInstancedWEBGL', (e, a) => {
            draw(a[0], 0, 0);
            frameTriangles += instancedTriangles(a[0], a[1], a[2], a[6], a[7], a[8]);
          });
        }
        return ext;
      },
      writable: true,
      configurable: true,
    });
  };
  const instrumented = new WeakSet();
  instrument(globalThis.WebGLRenderingContext && WebGLRenderingContext.prototype);
  instrument(globalThis.WebGL2RenderingContext && WebGL2RenderingContext.prototype);

  const getContext = HTMLCanvasElement.prototype.getContext;
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    value: function (...args) {
      const context = getContext.apply(this, args);
      if (context && /webgl/i.test(String(args[0])) && !contexts.includes(context)) {
        keep(contexts, context);
      }
      return context;
    },
    writable: true,
    configurable: true,
  });

  // --- animation frames the page asks for
  const requestAnimationFrame = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = function (callback) {
    if (typeof callback !== 'function') {
      return requestAnimationFrame.call(globalThis, callback);
    }
    return requestAnimationFrame.call(globalThis, function (timestamp) {
      state.rafCallbacks++;
      rafTick = timestamp;
      try {
        return callback.call(this, timestamp);
      } finally {
        rafTick = null;
      }
    });
  };

  // --- structured log entries: console.* whose first argument is an object (or JSON text) with "event"
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    wrap(console, level, (c, args) => {
      let entry = args[0];
      if (typeof entry === 'string' && entry.startsWith('{')) {
        try {
          entry = JSON.parse(entry);
        } catch (e) {
          entry = null;
        }
      }
      if (entry && typeof entry === 'object' && typeof entry.event === 'string') {
        if (entry.event === 'fallback_2d') {
          fallbackLogged++;
        } else if (logs.size < LIMIT) {
          logs.add(text(entry.event));
        }
      }
    });
  }

  // --- analytics: what the page pushes to Google Tag Manager's dataLayer (objects, or gtag's arguments)
  const seen = (name) => {
    if (typeof name === 'string' && (EXPECTED.has(name) || events.size < LIMIT)) {
      events.add(text(name));
    }
  };
  const record = (item) => {
    if (item && typeof item === 'object') {
      seen(typeof item.event === 'string' ? item.event : item[0] === 'event' ? item[1] : null);
    }
  };
  const observe = (layer) => {
    if (!Array.isArray(layer)) {
      return layer;
    }
    layer.forEach(record);
    // an accessor, so that a push the page installs later (Google Tag Manager's) is wrapped too
    let push = layer.push;
    const recorded = function (...items) {
      items.forEach(record);
      return push.apply(this, items);
    };
    Object.defineProperty(layer, 'push', {
      get: () => recorded,
      set: (replacement) => {
        push = replacement;
      },
      configurable: true,
    });
    return layer;
  };
  let dataLayer = observe([]);
  Object.defineProperty(globalThis, 'dataLayer', {
    get: () => dataLayer,
    set: (value) => {
      dataLayer = observe(value);
    },
    configurable: true, // a page's own top-level `let dataLayer` must stay legal
  });

  // --- hotspots activated: a click reaching one, or its aria-expanded/-pressed/-selected changing
  const activated = (hotspot) => {
    if (activations.size < LIMIT) {
      activations.add(text(hotspot.getAttribute('data-hotspot')));
    }
  };
  const hotspotOf = (node) => (node && node.closest ? node.closest('[data-hotspot]') : null);
  addEventListener(
    'click',
    (event) => {
      const hotspot = hotspotOf(event.target);
      if (hotspot) {
        activated(hotspot);
      }
    },
    true,
  );
  const watch = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.target.hasAttribute && m.target.hasAttribute('data-hotspot')) {
        activated(m.target);
      }
    }
    if (state.canvasAt < 0 && document.querySelector('canvas[data-testid="3d-canvas"]')) {
      state.canvasAt = now();
    }
  });
  watch.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-expanded', 'aria-pressed', 'aria-selected', 'data-testid'],
  });

  const visible = (element) => {
    if (!element || !element.isConnected) {
      return false;
    }
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const hotspotSelector = (id) => '[data-hotspot="' + CSS.escape(String(id)) + '"]';

  Object.defineProperty(globalThis, NAME, {
    value: Object.freeze({
      state: () => ({
        ...state,
        maxFrameDrawCalls: max(state.maxFrameDrawCalls, frameDrawCalls),
        maxFrameTriangles: max(state.maxFrameTriangles, frameTriangles),
        canvasVisible: visible(document.querySelector('canvas[data-testid="3d-canvas"]')),
        events: listFrom(events),
        logs: listFrom(logs),
        fallbackLogged,
        activations: listFrom(activations),
      }),
      loseContext: () => {
        let lost = 0;
        for (const gl of contexts) {
          const ext = gl.canvas && gl.canvas.dataset.testid === '3d-canvas' && gl.getExtension('WEBGL_lose_context');
          if (ext && !gl.isContextLost()) {
            ext.loseContext();
            lost++;
          }
        }
        return lost;
      },
      fallbackShown: () => visible(document.querySelector('[data-testid="fallback-2d"]')),
      focusables: () => document.querySelectorAll('a[href],button,input,select,textarea,[tabindex],[contenteditable]').length,
      focusedHotspot: () => {
        const hotspot = hotspotOf(document.activeElement);
        return hotspot && hotspot === document.activeElement ? text(hotspot.getAttribute('data-hotspot')) : null;
      },
      resetFocus: () => {
        if (document.activeElement && document.activeElement.blur) {
          document.activeElement.blur();
        }
        return true;
      },
      focusHotspot: (id) => {
        const hotspot = document.querySelector(hotspotSelector(id));
        if (hotspot) {
          hotspot.focus();
        }
        return !!hotspot && document.activeElement === hotspot;
      },
    }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
})();
