// A small collection experience as the DevSkyy storefront builds them, with three from npm: a
// turntable of products, hotspots as buttons, analytics pushed to dataLayer, a 2D fallback when
// WebGL is lost, and no animation loop when the shopper asks for reduced motion. collection.html
// loads it: `?variant=showroom|runway|materials` picks the collection, and each `&broken=WHAT`
// makes the page fail one check of verify experience on purpose (ExperienceIT).
import * as THREE from 'three';

const COLLECTIONS = {
  showroom: {
    title: 'Showroom', variant: 'SHOWROOM', products: 6, detail: 32, textureSize: 256,
    hotspots: [{ id: 'coat', label: 'Wool coat' }, { id: 'bag', label: 'Leather bag' }, { id: 'boots', label: 'Boots' }],
  },
  runway: {
    title: 'Runway', variant: 'RUNWAY', products: 4, detail: 24, textureSize: 128,
    hotspots: [{ id: 'look-1', label: 'Look 1' }, { id: 'look-2', label: 'Look 2' }],
  },
  materials: {
    title: 'Materials', variant: 'MATERIALS', products: 3, detail: 48, textureSize: 512, mipmaps: true,
    hotspots: [{ id: 'wool', label: 'Merino wool' }, { id: 'silk', label: 'Silk' }],
  },
};

/** The collection and breakages this page's address names. */
export function startFromAddress() {
  const query = new URLSearchParams(location.search);
  const collection = COLLECTIONS[query.get('variant')];
  const broken = query.getAll('broken');
  document.title = collection.title;
  document.querySelector('[data-testid="fallback-2d"]').textContent = collection.title + ': the collection as photographs';
  // over budget: 40 products of 96 × 48 segments, far past 20 draw calls and 60,000 triangles
  const budget = broken.includes('over-budget') ? { products: 40, detail: 96 } : {};
  start({ ...collection, ...budget, broken });
}

function start({ variant, products, detail, textureSize, mipmaps = false, hotspots, broken }) {
  const stage = document.getElementById('stage');
  const fallback = document.querySelector('[data-testid="fallback-2d"]');
  const nav = document.getElementById('hotspots');
  window.dataLayer = window.dataLayer || [];
  const track = (event, fields = {}) => window.dataLayer.push({ event, variant, ...fields });

  const renderer = new THREE.WebGLRenderer({ antialias: false });
  renderer.setSize(640, 400);
  const canvas = renderer.domElement;
  canvas.dataset.testid = '3d-canvas';
  stage.append(canvas);

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x101014);
  const camera = new THREE.PerspectiveCamera(45, 640 / 400, 0.1, 100);
  camera.position.set(0, 1.5, 6);
  camera.lookAt(0, 0, 0);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x333344, 2));

  const pixels = new Uint8Array(textureSize * textureSize * 4);
  for (let i = 0; i < pixels.length; i += 4) {
    pixels[i] = (i / 4) % 255;
    pixels[i + 1] = 128;
    pixels[i + 2] = 200;
    pixels[i + 3] = 255;
  }
  const texture = new THREE.DataTexture(pixels, textureSize, textureSize);
  if (mipmaps) {
    texture.generateMipmaps = true;
    texture.minFilter = THREE.LinearMipmapLinearFilter;
  }
  texture.needsUpdate = true;
  const material = new THREE.MeshStandardMaterial({ map: texture });
  const turntable = new THREE.Group();
  for (let i = 0; i < products; i++) {
    const product = new THREE.Mesh(new THREE.SphereGeometry(0.4, detail, detail / 2), material);
    const angle = (i / products) * Math.PI * 2;
    product.position.set(Math.cos(angle) * 2, 0, Math.sin(angle) * 2);
    turntable.add(product);
  }
  scene.add(turntable);

  for (const { id, label } of hotspots) {
    // a hotspot a keyboard cannot reach is a div without a tab stop: the "unreachable-hotspot" break
    const unreachable = broken.includes('unreachable-hotspot') && id === hotspots[hotspots.length - 1].id;
    const spot = document.createElement(unreachable ? 'div' : 'button');
    spot.dataset.hotspot = id;
    spot.textContent = label;
    spot.setAttribute('aria-expanded', 'false');
    spot.addEventListener('click', () => {
      spot.setAttribute('aria-expanded', String(spot.getAttribute('aria-expanded') !== 'true'));
      track('hotspot_opened', { hotspot: id });
    });
    nav.append(spot);
  }

  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches && !broken.includes('ignores-reduced-motion');
  const frame = (time) => {
    turntable.rotation.y = time / 2000;
    renderer.render(scene, camera);
  };
  if (reduced) {
    frame(0); // one still frame
  } else {
    renderer.setAnimationLoop(frame);
  }

  if (!broken.includes('no-fallback')) {
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      renderer.setAnimationLoop(null);
      canvas.hidden = true;
      fallback.hidden = false;
      console.info({ event: 'fallback_2d', reason: 'webgl_context_lost', variant });
    });
  }
  if (broken.includes('console-error')) {
    console.error('lookbook feed unavailable');
  }
  track('experience_loaded');
}
