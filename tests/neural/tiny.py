"""Tiny randomly initialised models built from configs and saved to folders: the diffusers
test-suite pattern (`get_dummy_components`). Every builder returns the folder it wrote; the
backends load it through the same `from_pretrained` path a hub id takes."""

from __future__ import annotations

from pathlib import Path

import torch

TEXT = 32      # hidden size of every tiny text encoder
CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 .,!?'-"


def _bytes_unicode() -> list[str]:
    """GPT-2's byte-to-unicode table: the base alphabet of byte-level BPE tokenizers."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) \
        + list(range(ord("\xae"), ord("\xff") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def clip_tokenizer():
    """A CLIP BPE tokenizer from an in-memory vocab (CLIPTokenizer(vocab_file=) is ignored in
    transformers 5)."""
    from transformers import CLIPTokenizer

    chars = _bytes_unicode()
    tokens = chars + [c + "</w>" for c in chars] + ["<|startoftext|>", "<|endoftext|>"]
    vocab = {t: i for i, t in enumerate(tokens)}
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=16)


def gpt2_style_vocab() -> dict[str, int]:
    return {c: i for i, c in enumerate(_bytes_unicode())}


def t5_tokenizer():
    from transformers import T5Tokenizer

    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581", -2.0)]
    pieces += [(c, -3.0) for c in CHARS if c != " "] + [("\u2581" + c, -2.5) for c in "abcdefghijklmnopqrstuvwxyz"]
    return T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=16)


def clip_text_encoder(projection: bool = False, vocab: int = 600):
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    torch.manual_seed(0)
    config = CLIPTextConfig(bos_token_id=len(_bytes_unicode()) * 2, eos_token_id=len(_bytes_unicode()) * 2 + 1,
                            hidden_size=TEXT, intermediate_size=37, num_attention_heads=4,
                            num_hidden_layers=2, pad_token_id=1, vocab_size=vocab,
                            max_position_embeddings=16, projection_dim=TEXT)
    return (CLIPTextModelWithProjection if projection else CLIPTextModel)(config)


def _unet(in_channels: int = 4, **kw):
    from diffusers import UNet2DConditionModel

    torch.manual_seed(0)
    args = dict(block_out_channels=(16, 32), layers_per_block=1, sample_size=16, in_channels=in_channels,
                out_channels=4, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
                up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), cross_attention_dim=TEXT,
                norm_num_groups=8, attention_head_dim=4)
    args.update(kw)
    return UNet2DConditionModel(**args)


def _vae(blocks: int = 2):
    from diffusers import AutoencoderKL

    torch.manual_seed(0)
    return AutoencoderKL(block_out_channels=[16] * blocks, in_channels=3, out_channels=3,
                         down_block_types=["DownEncoderBlock2D"] * blocks,
                         up_block_types=["UpDecoderBlock2D"] * blocks, latent_channels=4,
                         norm_num_groups=8, sample_size=32,
                         scaling_factor=0.08333 if blocks == 3 else 0.18215)


def _sd_parts(in_channels: int = 4, **unet_kw) -> dict:
    from diffusers import EulerDiscreteScheduler

    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                       steps_offset=1)
    return dict(unet=_unet(in_channels, **unet_kw), scheduler=scheduler, vae=_vae(),
                text_encoder=clip_text_encoder(), tokenizer=clip_tokenizer(),
                safety_checker=None, feature_extractor=None, requires_safety_checker=False)


def sd(folder: Path) -> Path:
    from diffusers import StableDiffusionPipeline

    StableDiffusionPipeline(**_sd_parts()).save_pretrained(folder)
    return folder


def gligen(folder: Path) -> Path:
    from diffusers import StableDiffusionGLIGENPipeline

    StableDiffusionGLIGENPipeline(**_sd_parts(attention_type="gated")).save_pretrained(folder)
    return folder


def pix2pix(folder: Path) -> Path:
    from diffusers import StableDiffusionInstructPix2PixPipeline

    StableDiffusionInstructPix2PixPipeline(**_sd_parts(8)).save_pretrained(folder)
    return folder


def inpaint(folder: Path) -> Path:
    from diffusers import StableDiffusionInpaintPipeline

    StableDiffusionInpaintPipeline(**_sd_parts(9)).save_pretrained(folder)
    return folder


def upscaler(folder: Path) -> Path:
    from diffusers import DDIMScheduler, DDPMScheduler, StableDiffusionUpscalePipeline

    unet = _unet(7, block_out_channels=(16, 16, 32), down_block_types=(
        "DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"), up_block_types=(
        "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"), use_linear_projection=True,
        num_class_embeds=100)
    StableDiffusionUpscalePipeline(
        unet=unet, low_res_scheduler=DDPMScheduler(), scheduler=DDIMScheduler(prediction_type="v_prediction"),
        vae=_vae(3), text_encoder=clip_text_encoder(), tokenizer=clip_tokenizer(),
        max_noise_level=350).save_pretrained(folder)
    return folder


def bert_vocab() -> dict[str, int]:
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[DEC]", "a", "photo", "of", "the", "cat",
             "dog", "red", "blue", "sky", "tree", "house", "sea"]
    words += [c for c in CHARS if c != " " and c not in words] + ["##" + c for c in "abcdefghijklmnopqrstuvwxyz"]
    return {w: i for i, w in enumerate(words)}


def sam(folder: Path) -> Path:
    from transformers import (SamConfig, SamImageProcessor, SamMaskDecoderConfig, SamModel,
                              SamProcessor, SamPromptEncoderConfig, SamVisionConfig)

    torch.manual_seed(0)
    vision = SamVisionConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, image_size=64,
                             patch_size=16, output_channels=16, global_attn_indexes=[1], mlp_dim=64,
                             window_size=2, num_pos_feats=8)
    prompt = SamPromptEncoderConfig(hidden_size=16, image_size=64, patch_size=16, mask_input_channels=4)
    decoder = SamMaskDecoderConfig(hidden_size=16, mlp_dim=32, num_hidden_layers=2, num_attention_heads=2,
                                   iou_head_depth=1, iou_head_hidden_dim=16)
    SamModel(SamConfig(vision_config=vision.to_dict(), prompt_encoder_config=prompt.to_dict(),
                       mask_decoder_config=decoder.to_dict())).save_pretrained(folder)
    SamProcessor(SamImageProcessor(size={"longest_edge": 64}, pad_size={"height": 64, "width": 64},
                                   mask_size={"longest_edge": 16}, mask_pad_size={"height": 16, "width": 16})
                 ).save_pretrained(folder)
    return folder


def clipseg(folder: Path) -> Path:
    from transformers import (CLIPSegConfig, CLIPSegForImageSegmentation, CLIPSegProcessor,
                              ViTImageProcessor)

    torch.manual_seed(0)
    tok = clip_tokenizer()
    text = dict(hidden_size=TEXT, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                vocab_size=len(tok), max_position_embeddings=16, bos_token_id=tok.bos_token_id,
                eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    vision = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
                  image_size=32, patch_size=8)
    CLIPSegForImageSegmentation(CLIPSegConfig(text_config=text, vision_config=vision, projection_dim=32,
                                              reduce_dim=16, extract_layers=[1], decoder_num_attention_heads=2,
                                              decoder_intermediate_size=32)).save_pretrained(folder)
    CLIPSegProcessor(image_processor=ViTImageProcessor(size={"height": 32, "width": 32}),
                     tokenizer=tok).save_pretrained(folder)
    return folder


def blip(folder: Path) -> Path:
    from transformers import (BertTokenizer, BlipConfig, BlipForConditionalGeneration, BlipImageProcessor,
                              BlipProcessor)

    torch.manual_seed(0)
    vocab = bert_vocab()
    tok = BertTokenizer(vocab=vocab)
    tok.add_special_tokens({"bos_token": "[DEC]"})
    text = dict(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                intermediate_size=37, max_position_embeddings=32, encoder_hidden_size=32,
                bos_token_id=vocab["[DEC]"], pad_token_id=0, sep_token_id=vocab["[SEP]"])
    vision = dict(hidden_size=32, image_size=32, patch_size=8, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=37)
    model = BlipForConditionalGeneration(BlipConfig(text_config=text, vision_config=vision, projection_dim=32))
    model.generation_config.max_new_tokens = 8
    model.save_pretrained(folder)
    BlipProcessor(BlipImageProcessor(size={"height": 32, "width": 32}), tok).save_pretrained(folder)
    return folder


def vits(folder: Path) -> Path:
    import json

    from transformers import VitsConfig, VitsModel, VitsTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    symbols = ["<pad>", "<unk>"] + list(CHARS)
    (folder / "vocab.json").write_text(json.dumps({s: i for i, s in enumerate(symbols)}))
    VitsTokenizer(str(folder / "vocab.json"), phonemize=False, add_blank=True).save_pretrained(folder)
    torch.manual_seed(0)
    config = VitsConfig(vocab_size=len(symbols), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        ffn_dim=32, flow_size=8, spectrogram_bins=17, upsample_initial_channel=16,
                        upsample_rates=[4, 4], upsample_kernel_sizes=[8, 8], resblock_kernel_sizes=[3],
                        resblock_dilation_sizes=[[1, 3]], prior_encoder_num_flows=1,
                        prior_encoder_num_wavenet_layers=1, posterior_encoder_num_wavenet_layers=1,
                        duration_predictor_filter_channels=16, duration_predictor_num_flows=1,
                        depth_separable_num_layers=1, sampling_rate=16000, window_size=2)
    VitsModel(config).save_pretrained(folder)
    return folder


def whisper(folder: Path) -> Path:
    from transformers import (WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration,
                              WhisperProcessor, WhisperTokenizer)

    base = _bytes_unicode()
    specials = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|transcribe|>", "<|translate|>",
                "<|startoflm|>", "<|startofprev|>", "<|nospeech|>", "<|notimestamps|>"]
    vocab = {t: i for i, t in enumerate(base + specials)}
    tok = WhisperTokenizer(vocab=vocab, merges=[])
    tok.add_special_tokens({"additional_special_tokens": specials})
    WhisperProcessor(WhisperFeatureExtractor(feature_size=80), tok).save_pretrained(folder)
    torch.manual_seed(0)
    config = WhisperConfig(vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
                           encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                           decoder_ffn_dim=32, num_mel_bins=80, max_source_positions=1500,
                           max_target_positions=64, pad_token_id=vocab["<|endoftext|>"],
                           bos_token_id=vocab["<|endoftext|>"], eos_token_id=vocab["<|endoftext|>"],
                           decoder_start_token_id=vocab["<|startoftranscript|>"],
                           suppress_tokens=[], begin_suppress_tokens=[vocab["<|endoftext|>"]])
    model = WhisperForConditionalGeneration(config)
    gen = model.generation_config
    gen.is_multilingual = False
    gen.no_timestamps_token_id = vocab["<|notimestamps|>"]
    gen.max_length = 24
    model.save_pretrained(folder)
    return folder


def musicgen(folder: Path, codebooks: int = 2) -> Path:
    from transformers import (EncodecConfig, EncodecFeatureExtractor, MusicgenConfig, MusicgenDecoderConfig,
                              MusicgenForConditionalGeneration, MusicgenProcessor, T5Config)

    tok = t5_tokenizer()
    torch.manual_seed(0)
    text = T5Config(vocab_size=len(tok), d_model=16, d_ff=32, d_kv=8, num_layers=1, num_heads=2)
    codec = EncodecConfig(target_bandwidths=[1.5, 3.0 * codebooks], num_filters=4, codebook_size=16, codebook_dim=8,
                          hidden_size=8, upsampling_ratios=[2, 2], num_lstm_layers=1, sampling_rate=800)
    decoder = MusicgenDecoderConfig(vocab_size=16, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                    ffn_dim=32, num_codebooks=codebooks, max_position_embeddings=256,
                                    pad_token_id=16, bos_token_id=16)
    model = MusicgenForConditionalGeneration(MusicgenConfig(text_encoder=text, audio_encoder=codec, decoder=decoder))
    with torch.no_grad():  # codebooks start as zeros (trained ones are not): give codes distinct sounds
        for layer in model.audio_encoder.quantizer.layers:
            layer.codebook.embed.normal_()
    gen = model.generation_config
    gen.decoder_start_token_id = gen.pad_token_id = 16
    gen.do_sample, gen.guidance_scale, gen.max_length = True, 3.0, 64
    model.save_pretrained(folder)
    MusicgenProcessor(EncodecFeatureExtractor(sampling_rate=800), tok).save_pretrained(folder)
    return folder


def musicgen4(folder: Path) -> Path:
    """MusicGen with 4 codebooks, as musicgen-small/medium/large have (the delay pattern costs K-1)."""
    return musicgen(folder, codebooks=4)


def roberta_tokenizer():
    from transformers import RobertaTokenizer

    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {t: i for i, t in enumerate(specials + _bytes_unicode() + ["<mask>"])}
    return RobertaTokenizer(vocab=vocab, merges=[], model_max_length=16)


def audioldm2(folder: Path) -> Path:
    from diffusers import (AudioLDM2Pipeline, AudioLDM2ProjectionModel, AudioLDM2UNet2DConditionModel,
                           AutoencoderKL, DDIMScheduler)
    from transformers import (ClapAudioConfig, ClapConfig, ClapFeatureExtractor, ClapModel, ClapTextConfig,
                              GPT2Config, GPT2Model, SpeechT5HifiGan, SpeechT5HifiGanConfig, T5Config,
                              T5EncoderModel)

    tok, tok2 = roberta_tokenizer(), t5_tokenizer()
    torch.manual_seed(0)
    unet = AudioLDM2UNet2DConditionModel(
        block_out_channels=(16, 32), layers_per_block=1, sample_size=16, in_channels=4, out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"), up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=([None, 16, 32], [None, 16, 32]), norm_num_groups=8, attention_head_dim=4)
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                              clip_sample=False, set_alpha_to_one=False)
    vae = AutoencoderKL(block_out_channels=[16, 16], in_channels=1, out_channels=1, norm_num_groups=8,
                        down_block_types=["DownEncoderBlock2D"] * 2, up_block_types=["UpDecoderBlock2D"] * 2,
                        latent_channels=4)
    text_branch = ClapTextConfig(bos_token_id=0, eos_token_id=2, pad_token_id=1, hidden_size=16,
                                 intermediate_size=37, num_attention_heads=2, num_hidden_layers=1,
                                 vocab_size=len(tok), projection_dim=16, max_position_embeddings=40)
    audio_branch = ClapAudioConfig(spec_size=64, window_size=4, num_mel_bins=64, intermediate_size=37,
                                   depths=[1, 1], num_attention_heads=[2, 2], num_hidden_layers=2,
                                   hidden_size=32, projection_dim=16, patch_size=2, patch_stride=2,
                                   patch_embed_input_channels=4)
    clap = ClapModel(ClapConfig(text_config=text_branch.to_dict(), audio_config=audio_branch.to_dict(),
                                                        projection_dim=16))
    t5 = T5EncoderModel(T5Config(vocab_size=len(tok2), d_model=32, d_ff=37, d_kv=8, num_heads=2, num_layers=1))
    lm = GPT2Model(GPT2Config(n_embd=16, n_head=2, n_layer=1, vocab_size=64, n_ctx=99, n_positions=99))
    lm.config.max_new_tokens = 8
    projection = AudioLDM2ProjectionModel(text_encoder_dim=16, text_encoder_1_dim=32, langauge_model_dim=16)
    vocoder = SpeechT5HifiGan(SpeechT5HifiGanConfig(
        model_in_dim=8, sampling_rate=16000, upsample_initial_channel=16, upsample_rates=[2, 2],
        upsample_kernel_sizes=[4, 4], resblock_kernel_sizes=[3], resblock_dilation_sizes=[[1, 3]],
        normalize_before=False))
    AudioLDM2Pipeline(unet=unet, scheduler=scheduler, vae=vae, text_encoder=clap, text_encoder_2=t5,
                      tokenizer=tok, tokenizer_2=tok2, feature_extractor=ClapFeatureExtractor(),
                      language_model=lm, projection_model=projection, vocoder=vocoder).save_pretrained(folder)
    return folder


def animatediff(folder: Path) -> Path:
    from diffusers import AnimateDiffPipeline, DDIMScheduler, MotionAdapter

    parts = _sd_parts()
    torch.manual_seed(0)
    adapter = MotionAdapter(block_out_channels=(16, 32), motion_layers_per_block=1, motion_num_attention_heads=2,
                            motion_norm_num_groups=8, motion_max_seq_length=8, use_motion_mid_block=False)
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="linear", clip_sample=False)
    AnimateDiffPipeline(vae=parts["vae"], text_encoder=parts["text_encoder"], tokenizer=parts["tokenizer"],
                        unet=parts["unet"], motion_adapter=adapter, scheduler=scheduler).save_pretrained(folder)
    return folder


def svd(folder: Path) -> Path:
    from diffusers import (AutoencoderKLTemporalDecoder, EulerDiscreteScheduler, StableVideoDiffusionPipeline,
                           UNetSpatioTemporalConditionModel)
    from transformers import CLIPImageProcessor, CLIPVisionConfig, CLIPVisionModelWithProjection

    torch.manual_seed(0)
    unet = UNetSpatioTemporalConditionModel(
        block_out_channels=(32, 32), layers_per_block=1, sample_size=16, in_channels=8, out_channels=4,
        down_block_types=("CrossAttnDownBlockSpatioTemporal", "DownBlockSpatioTemporal"),
        up_block_types=("UpBlockSpatioTemporal", "CrossAttnUpBlockSpatioTemporal"), cross_attention_dim=32,
        num_attention_heads=2, projection_class_embeddings_input_dim=96, addition_time_embed_dim=32)
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", interpolation_type="linear",
        prediction_type="v_prediction", sigma_max=700.0, sigma_min=0.002, steps_offset=1,
        timestep_spacing="leading", timestep_type="continuous", use_karras_sigmas=True)
    vae = AutoencoderKLTemporalDecoder(block_out_channels=[32, 32], in_channels=3, out_channels=3,
                                       down_block_types=["DownEncoderBlock2D"] * 2, latent_channels=4)
    encoder = CLIPVisionModelWithProjection(CLIPVisionConfig(
        hidden_size=32, projection_dim=32, num_hidden_layers=1, num_attention_heads=4, image_size=224,
        intermediate_size=37, patch_size=32))  # the pipeline resizes to 224 itself
    StableVideoDiffusionPipeline(unet=unet, image_encoder=encoder, scheduler=scheduler, vae=vae,
                                 feature_extractor=CLIPImageProcessor(crop_size=32, size=32)).save_pretrained(folder)
    return folder


def marching_cubes_table() -> tuple[torch.Tensor, torch.Tensor]:
    """The 256-case triangle table in Shap-E's MeshDecoder layout (corner = x + 2y + 4z; edges 0-3
    along x, 4-7 along y, 8-11 along z), built from first principles: crossing edges are joined
    across each cube face (ambiguous faces keep inside corners apart), each resulting cycle is
    fanned into triangles facing outwards. A real checkpoint stores this table as buffers."""
    corners = [(i & 1, (i >> 1) & 1, (i >> 2) & 1) for i in range(8)]
    index = {c: i for i, c in enumerate(corners)}
    edges = []
    for axis in range(3):
        others = [a for a in range(3) if a != axis]
        for k in range(4):  # the first other axis varies fastest, as in _create_flat_edge_indices
            lo = [0, 0, 0]
            lo[others[0]], lo[others[1]] = k & 1, k >> 1
            hi = lo.copy()
            hi[axis] = 1
            edges.append((index[tuple(lo)], index[tuple(hi)]))
    faces = [[e for e, (a, b) in enumerate(edges) if corners[a][ax] == side and corners[b][ax] == side]
             for ax in range(3) for side in (0, 1)]
    cases = torch.zeros(256, 5, 3, dtype=torch.long)
    masks = torch.zeros(256, 5, dtype=torch.bool)
    mid = [tuple((corners[a][d] + corners[b][d]) / 2 for d in range(3)) for a, b in edges]
    for case in range(256):
        inside = [bool(case >> i & 1) for i in range(8)]
        crossing = {e for e, (a, b) in enumerate(edges) if inside[a] != inside[b]}
        partners: dict[int, list[int]] = {e: [] for e in crossing}
        for face in faces:
            cut = [e for e in face if e in crossing]
            if len(cut) == 2:
                pairs = [cut]
            elif len(cut) == 4:  # keep each inside corner of the face apart from the other
                pairs = [[e for e in cut if c in edges[e]] for c in {c for e in cut for c in edges[e]} if inside[c]]
            else:
                pairs = []
            for a, b in pairs:
                partners[a].append(b)
                partners[b].append(a)
        tris, seen = [], set()
        for start in sorted(crossing):
            if start in seen:
                continue
            cycle, prev, cur = [start], None, start
            seen.add(start)
            while True:
                nxt = next(p for p in partners[cur] if p != prev) if prev is not None else partners[cur][0]
                if nxt == start:
                    break
                cycle.append(nxt)
                seen.add(nxt)
                prev, cur = cur, nxt
            tris += [(cycle[0], cycle[i], cycle[i + 1]) for i in range(1, len(cycle) - 1)]
        assert len(tris) <= 5, (case, tris)
        for t, tri in enumerate(tris):
            p = [torch.tensor(mid[e]) for e in tri]
            normal = torch.linalg.cross(p[1] - p[0], p[2] - p[0])
            outward = sum(torch.tensor(corners[b if inside[a] else a], dtype=torch.float)
                          - torch.tensor(corners[a if inside[a] else b], dtype=torch.float)
                          for a, b in (edges[e] for e in tri))
            cases[case, t] = torch.tensor(tri if float(normal @ outward) >= 0 else tri[::-1])
            masks[case, t] = True
    return cases, masks


def shap_e(folder: Path) -> Path:
    from diffusers import HeunDiscreteScheduler, PriorTransformer, ShapEPipeline
    from diffusers.pipelines.shap_e import ShapERenderer

    torch.manual_seed(0)
    prior = PriorTransformer(num_attention_heads=2, attention_head_dim=16, embedding_dim=32, num_embeddings=32,
                             embedding_proj_dim=TEXT, time_embed_dim=128, num_layers=1, clip_embed_dim=64,
                             additional_embeddings=0, time_embed_act_fn="gelu", norm_in_type="layer",
                             encoder_hid_proj_type=None, added_emb_type=None)
    renderer = ShapERenderer(param_shapes=((8, 93), (8, 8), (8, 8), (8, 8)), d_latent=32, d_hidden=8,
                             n_output=12, background=(0.1, 0.1, 0.1))
    with torch.no_grad():  # signed distance > 0 inside the volume, so the mesh has a surface
        renderer.mlp.mlp[-1].bias[0] = 5.0
        renderer.mesh_decoder.cases, renderer.mesh_decoder.masks = marching_cubes_table()
    scheduler = HeunDiscreteScheduler(beta_schedule="exp", num_train_timesteps=1024, prediction_type="sample",
                                      use_karras_sigmas=True, clip_sample=True, clip_sample_range=1.0)
    ShapEPipeline(prior=prior, text_encoder=clip_text_encoder(projection=True), tokenizer=clip_tokenizer(),
                  shap_e_renderer=renderer, scheduler=scheduler).save_pretrained(folder)
    return folder


def clip(folder: Path) -> Path:
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor

    tok = clip_tokenizer()
    torch.manual_seed(0)
    text = dict(hidden_size=TEXT, intermediate_size=37, num_attention_heads=4, num_hidden_layers=1,
                vocab_size=len(tok), max_position_embeddings=16, bos_token_id=tok.bos_token_id,
                eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    vision = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=1,
                  image_size=32, patch_size=8)
    CLIPModel(CLIPConfig(text_config=text, vision_config=vision, projection_dim=16)).save_pretrained(folder)
    CLIPProcessor(CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}),
                  tok).save_pretrained(folder)
    return folder


def cogvideox(folder: Path) -> Path:
    from diffusers import AutoencoderKLCogVideoX, CogVideoXPipeline, CogVideoXTransformer3DModel, DDIMScheduler
    from transformers import T5Config, T5EncoderModel

    tok = t5_tokenizer()
    torch.manual_seed(0)
    transformer = CogVideoXTransformer3DModel(
        num_attention_heads=4, attention_head_dim=8, in_channels=4, out_channels=4, time_embed_dim=2,
        text_embed_dim=32, num_layers=1, sample_width=2, sample_height=2, sample_frames=9, patch_size=2,
        temporal_compression_ratio=4, max_text_seq_length=16)
    vae = AutoencoderKLCogVideoX(block_out_channels=(8, 8, 8, 8), latent_channels=4, layers_per_block=1,
                                 norm_num_groups=2, temporal_compression_ratio=4)
    text = T5EncoderModel(T5Config(vocab_size=len(tok), d_model=32, d_ff=37, d_kv=8, num_heads=4, num_layers=1))
    CogVideoXPipeline(tokenizer=tok, text_encoder=text, vae=vae, transformer=transformer,
                      scheduler=DDIMScheduler()).save_pretrained(folder)
    return folder
