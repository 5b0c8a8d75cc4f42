"use strict";
// A small GLB viewer: parses glTF binary (meshes, node transforms, vertex colours or base colour
// factors) and draws it with WebGL, lit from the camera side. Drag to orbit, wheel to zoom.
window.GLB = (() => {
  const COMPONENTS = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 };
  const ARRAYS = { 5120: Int8Array, 5121: Uint8Array, 5122: Int16Array, 5123: Uint16Array,
                   5125: Uint32Array, 5126: Float32Array };
  const NORM = { 5120: 127, 5121: 255, 5122: 32767, 5123: 65535 };

  function chunks(buf) {
    const dv = new DataView(buf);
    if (buf.byteLength < 20 || dv.getUint32(0, true) !== 0x46546C67) throw new Error("not a GLB file");
    let off = 12, json = null, bin = null;
    while (off + 8 <= buf.byteLength) {
      const len = dv.getUint32(off, true), type = dv.getUint32(off + 4, true);
      if (type === 0x4E4F534A) json = JSON.parse(new TextDecoder().decode(buf.slice(off + 8, off + 8 + len)));
      else if (type === 0x004E4942) bin = buf.slice(off + 8, off + 8 + len);
      off += 8 + len;
    }
    if (!json) throw new Error("GLB without JSON");
    return { g: json, bin };
  }

  function reader(g, bin) {
    return (index) => {
      const a = g.accessors[index], v = g.bufferViews[a.bufferView];
      const n = COMPONENTS[a.type], Ctor = ARRAYS[a.componentType];
      const start = (v.byteOffset || 0) + (a.byteOffset || 0), stride = v.byteStride || n * Ctor.BYTES_PER_ELEMENT;
      const out = new Float32Array(a.count * n), dv = new DataView(bin);
      const get = { 5120: "getInt8", 5121: "getUint8", 5122: "getInt16", 5123: "getUint16",
                    5125: "getUint32", 5126: "getFloat32" }[a.componentType];
      const scale = a.normalized ? NORM[a.componentType] : 1;
      for (let i = 0; i < a.count; i++)
        for (let c = 0; c < n; c++)
          out[i * n + c] = dv[get](start + i * stride + c * Ctor.BYTES_PER_ELEMENT, true) / scale;
      return { data: out, n };
    };
  }

  function mul(a, b) {  // column-major 4x4
    const o = new Float32Array(16);
    for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) {
      let s = 0; for (let k = 0; k < 4; k++) s += a[k * 4 + r] * b[c * 4 + k]; o[c * 4 + r] = s;
    }
    return o;
  }
  const IDENTITY = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

  function local(node) {
    if (node.matrix) return new Float32Array(node.matrix);
    const [x, y, z, w] = node.rotation || [0, 0, 0, 1], [sx, sy, sz] = node.scale || [1, 1, 1];
    const t = node.translation || [0, 0, 0];
    return new Float32Array([
      (1 - 2 * (y * y + z * z)) * sx, 2 * (x * y + z * w) * sx, 2 * (x * z - y * w) * sx, 0,
      2 * (x * y - z * w) * sy, (1 - 2 * (x * x + z * z)) * sy, 2 * (y * z + x * w) * sy, 0,
      2 * (x * z + y * w) * sz, 2 * (y * z - x * w) * sz, (1 - 2 * (x * x + y * y)) * sz, 0,
      t[0], t[1], t[2], 1]);
  }

  function parse(buf) {  // -> {pos, nrm, col} flat triangle arrays in world space
    const { g, bin } = chunks(buf), read = reader(g, bin);
    const pos = [], nrm = [], col = [];
    const visit = (ni, parent) => {
      const node = g.nodes[ni], m = mul(parent, local(node));
      if (node.mesh !== undefined) for (const p of g.meshes[node.mesh].primitives) addPrimitive(p, m);
      for (const c of node.children || []) visit(c, m);
    };
    const addPrimitive = (p, m) => {
      if (p.mode !== undefined && p.mode !== 4) return;
      const P = read(p.attributes.POSITION).data;
      const N = p.attributes.NORMAL !== undefined ? read(p.attributes.NORMAL).data : null;
      const C = p.attributes.COLOR_0 !== undefined ? read(p.attributes.COLOR_0) : null;
      const mat = p.material !== undefined ? g.materials[p.material] : null;
      const base = (mat && mat.pbrMetallicRoughness && mat.pbrMetallicRoughness.baseColorFactor) || [.7, .72, .76, 1];
      const idx = p.indices !== undefined ? read(p.indices).data : Array.from({ length: P.length / 3 }, (_, i) => i);
      for (let t = 0; t + 2 < idx.length; t += 3) {
        const tri = [idx[t], idx[t + 1], idx[t + 2]].map((i) => {
          const v = [P[i * 3], P[i * 3 + 1], P[i * 3 + 2]];
          return [0, 1, 2].map((r) => m[r] * v[0] + m[4 + r] * v[1] + m[8 + r] * v[2] + m[12 + r]);
        });
        const e1 = tri[1].map((v, k) => v - tri[0][k]), e2 = tri[2].map((v, k) => v - tri[0][k]);
        const face = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
        for (let k = 0; k < 3; k++) {
          const i = idx[t + k];
          pos.push(...tri[k]);
          const n = N ? [0, 1, 2].map((r) => m[r] * N[i * 3] + m[4 + r] * N[i * 3 + 1] + m[8 + r] * N[i * 3 + 2]) : face;
          const len = Math.hypot(...n) || 1;
          nrm.push(n[0] / len, n[1] / len, n[2] / len);
          col.push(...(C ? [C.data[i * C.n], C.data[i * C.n + 1], C.data[i * C.n + 2]] : base.slice(0, 3)));
        }
      }
    };
    const scene = g.scenes ? g.scenes[g.scene || 0] : { nodes: g.nodes.map((_, i) => i) };
    for (const ni of scene.nodes) visit(ni, IDENTITY);
    return { pos: new Float32Array(pos), nrm: new Float32Array(nrm), col: new Float32Array(col) };
  }

  const VS = `attribute vec3 p; attribute vec3 n; attribute vec3 c; uniform mat4 mvp; uniform mat4 rot;
    varying vec3 vn; varying vec3 vc;
    void main() { gl_Position = mvp * vec4(p, 1.0); vn = (rot * vec4(n, 0.0)).xyz; vc = c; }`;
  const FS = `precision mediump float; varying vec3 vn; varying vec3 vc;
    void main() { vec3 l = normalize(vec3(0.4, 0.7, 1.0));
      float d = abs(dot(normalize(vn), l)); gl_FragColor = vec4(vc * (0.35 + 0.65 * d), 1.0); }`;

  function program(gl) {
    const prog = gl.createProgram();
    for (const [type, src] of [[gl.VERTEX_SHADER, VS], [gl.FRAGMENT_SHADER, FS]]) {
      const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); gl.attachShader(prog, s);
    }
    gl.linkProgram(prog);
    return prog;
  }

  function draw(canvas, mesh) {
    const gl = canvas.getContext("webgl", { antialias: true, preserveDrawingBuffer: true });
    if (!gl) throw new Error("WebGL is not available in this browser");
    const prog = program(gl); gl.useProgram(prog);
    let lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < mesh.pos.length; i += 3)
      for (let k = 0; k < 3; k++) { lo[k] = Math.min(lo[k], mesh.pos[i + k]); hi[k] = Math.max(hi[k], mesh.pos[i + k]); }
    const centre = lo.map((v, k) => (v + hi[k]) / 2), radius = Math.max(1e-6, Math.hypot(...hi.map((v, k) => v - lo[k])) / 2);
    for (const [name, data] of [["p", mesh.pos], ["n", mesh.nrm], ["c", mesh.col]]) {
      const b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
      const loc = gl.getAttribLocation(prog, name); gl.enableVertexAttribArray(loc); gl.vertexAttribPointer(loc, 3, gl.FLOAT, false, 0, 0);
    }
    const view = { yaw: 0.6, pitch: 0.35, dist: 2.6 };
    const render = () => {
      const w = canvas.clientWidth || 400, h = canvas.clientHeight || 300;
      canvas.width = w * devicePixelRatio; canvas.height = h * devicePixelRatio;
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0.93, 0.945, 0.96, 1); gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT); gl.enable(gl.DEPTH_TEST);
      const cy = Math.cos(view.yaw), sy = Math.sin(view.yaw), cp = Math.cos(view.pitch), sp = Math.sin(view.pitch);
      const rot = mul(new Float32Array([1, 0, 0, 0, 0, cp, sp, 0, 0, -sp, cp, 0, 0, 0, 0, 1]),
                      new Float32Array([cy, 0, -sy, 0, 0, 1, 0, 0, sy, 0, cy, 0, 0, 0, 0, 1]));
      const s = 1 / radius;
      const model = new Float32Array([s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, -centre[0] * s, -centre[1] * s, -centre[2] * s, 1]);
      const f = 1 / Math.tan(0.4), a = w / h, near = 0.05, far = 50;
      const proj = new Float32Array([f / a, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) / (near - far), -1, 0, 0, 2 * far * near / (near - far), 0]);
      const move = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -view.dist, 1]);
      gl.uniformMatrix4fv(gl.getUniformLocation(prog, "mvp"), false, mul(proj, mul(move, mul(rot, model))));
      gl.uniformMatrix4fv(gl.getUniformLocation(prog, "rot"), false, rot);
      gl.drawArrays(gl.TRIANGLES, 0, mesh.pos.length / 3);
    };
    let drag = null;
    canvas.addEventListener("pointerdown", (e) => { drag = [e.clientX, e.clientY]; canvas.setPointerCapture(e.pointerId); });
    canvas.addEventListener("pointerup", () => { drag = null; });
    canvas.addEventListener("pointermove", (e) => {
      if (!drag) return;
      view.yaw += (e.clientX - drag[0]) * 0.01;
      view.pitch = Math.max(-1.5, Math.min(1.5, view.pitch + (e.clientY - drag[1]) * 0.01));
      drag = [e.clientX, e.clientY]; render();
    });
    canvas.addEventListener("wheel", (e) => { e.preventDefault(); view.dist = Math.max(1.2, Math.min(12, view.dist * (e.deltaY > 0 ? 1.1 : 0.9))); render(); });
    render();
    return { triangles: mesh.pos.length / 9 };
  }

  async function show(canvas, url) {
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`cannot load the model (${res.status})`);
    return draw(canvas, parse(await res.arrayBuffer()));
  }

  return { parse, show };
})();
