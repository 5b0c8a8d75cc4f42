"""Text to 3D with Shap-E (diffusers ShapEPipeline): latent, then the renderer's marching-cubes
mesh with vertex colours, exported as glTF binary with trimesh (y up, as glTF wants)."""

from __future__ import annotations

from ...context import Output, ToolContext
from ...errors import ToolError
from .diffusion import pipeline, schedule
from .loading import generator, meta, tool_setting


def generate(ctx: ToolContext, prompt: str, seed: int | None = None) -> Output:
    """mesh.generate with ShapEPipeline."""
    import numpy as np
    import torch
    import trimesh

    seed = ctx.seed if seed is None else seed
    with pipeline(ctx, "ShapEPipeline") as (resolved, lease):
        pipe = lease.model
        steps, guidance = schedule(ctx, resolved, 64, 15.0)
        grid = int(tool_setting(ctx, "grid_size", 128))
        with lease.lock, torch.inference_mode():
            latents = pipe(prompt, num_inference_steps=steps, guidance_scale=guidance,
                           generator=generator(seed), output_type="latent").images
            try:
                mesh = pipe.shap_e_renderer.decode_to_mesh(latents[0][None, :], torch.device(lease.compute_device),
                                                           grid_size=grid)
            except (ValueError, RuntimeError, IndexError) as exc:  # no surface: marching cubes found nothing
                raise ToolError(f"{resolved.model} made no surface for {prompt!r}; try another seed or "
                                f"prompt") from exc
        verts = mesh.verts.float().cpu().numpy()
        faces = mesh.faces.long().cpu().numpy()
        if len(faces) == 0:
            raise ToolError(f"{resolved.model} made an empty shape for {prompt!r}; try another seed or prompt")
        colours = np.stack([mesh.vertex_channels[c].float().cpu().numpy() for c in "RGB"], axis=1)
        colours = (np.clip(colours, 0, 1) * 255).astype(np.uint8)
        shape = trimesh.Trimesh(verts, faces, vertex_colors=colours, process=False)
        shape.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))  # z up -> y up
        path = ctx.out("mesh", ".glb")
        shape.export(path, file_type="glb")
        return Output(path, meta=meta(resolved, lease, seed=seed, steps=steps, guidance=guidance, grid_size=grid,
                                      vertices=int(len(verts)), faces=int(len(faces)), prompt=prompt))
