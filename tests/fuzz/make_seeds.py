#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets under tests/fuzz/corpus/ (committed; re-run after changing it).
Files named by a sha1 were merged in from fuzzing runs (libFuzzer -merge=1), not written here.

Seeds come from: tests/data (ATC logs, msame / ais_bench / npu-smi outputs), Debian's libonnx-testdata (small
node-test models and their .pb tensors), the om-runner example in README.md, and files written here from the
documented formats (OM header: GE's ModelFileHeader as tests/omrunner/omfile.h writes it; recipes: the format in
core/atc/conversionrecipe.h; shape specs: ATC's --input_shape syntax). A fuzz target's first byte is a mode or
threshold for some targets (see each fuzz_*.cpp); those seeds carry it.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile


FLOAT, INT64, FLOAT16, DOUBLE = 1, 7, 10, 11  # onnx.TensorProto.DataType


# Minimal protobuf writer (no python3-onnx needed): field numbers from onnx.proto.
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def vfield(num, n):
    return varint(num << 3) + varint(n)


def lfield(num, payload):
    payload = payload.encode() if isinstance(payload, str) else payload
    return varint(num << 3 | 2) + varint(len(payload)) + payload


def tensor(name, dtype, dims, raw=None, external=None):
    t = b"".join(vfield(1, d) for d in dims) + vfield(2, dtype) + lfield(8, name)
    if raw is not None:
        t += lfield(9, raw)
    for k, v in external or []:
        t += lfield(13, lfield(1, k) + lfield(2, v))
    if external:
        t += vfield(14, 1)
    return t


def value_info(name, dtype, dims):  # dims: ints or strings (dim_param)
    shape = b"".join(lfield(1, vfield(1, d) if isinstance(d, int) else lfield(2, d)) for d in dims)
    return lfield(1, name) + lfield(2, lfield(1, vfield(1, dtype) + lfield(2, shape)))


def model(nodes, name, inputs, outputs, initializers, opset=13):
    graph = b"".join(lfield(1, n) for n in nodes) + lfield(2, name)
    graph += b"".join(lfield(5, t) for t in initializers)
    graph += b"".join(lfield(11, v) for v in inputs) + b"".join(lfield(12, v) for v in outputs)
    return vfield(1, 8) + lfield(2, "fuzz-seeds") + lfield(7, graph) + lfield(8, lfield(1, "") + vfield(2, opset))


def node(op, inputs, outputs, name=""):
    return b"".join(lfield(1, i) for i in inputs) + b"".join(lfield(2, o) for o in outputs) + lfield(3, name) + lfield(4, op)


def floats(values, fmt="<f"):
    return b"".join(struct.pack(fmt, v) for v in values)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data")
ONNX_TESTDATA = "/usr/share/libonnx-testdata/data/node"
OUT = os.path.join(HERE, "corpus")


def put(target, name, content):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())


def copy_from(target, folder, prefix, suffix):
    for name in sorted(os.listdir(folder)):
        if name.startswith(prefix) and name.endswith(suffix):
            with open(os.path.join(folder, name), "rb") as f:
                put(target, name, f.read())


def read(path):
    with open(path, "rb") as f:
        return f.read()


def remote_seeds():
    """The SSH probe's output and host keys. The probe output is real: core/remote/probe.cpp's script run here by
    sh (no environment script, no toolkit, no npu-smi on this machine), plus the same with the sections a board
    with a toolkit prints (written from the script's format, npu-smi's table from tests/data). Host keys: keys made
    by ssh-keygen here, as ssh-keyscan prints them and as known_hosts holds them (plain and hashed)."""
    script = re.search(r'R"SH\((.*?)\)SH"', read(os.path.join(ROOT, "core", "remote", "probe.cpp")).decode(), re.S)
    with tempfile.TemporaryDirectory() as tmp:
        local = subprocess.run(["sh", "-c", script.group(1), "atcwb-probe", "~/.cache/atc-workbench",
                                "/usr/local/Ascend/ascend-toolkit/set_env.sh", os.path.join(tmp, "missing.sh")],
                               capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": tmp}).stdout
        local = local.replace(tmp.encode(), b"/home/user")
        put("sshprobe", "local_no_toolkit.txt", local)
        sections = [("env_searched", "/usr/local/Ascend/ascend-toolkit/set_env.sh\n"),
                    ("env_script", "/usr/local/Ascend/ascend-toolkit/set_env.sh\n"), ("env_status", "0\n"),
                    ("env_output", ""), ("arch", "aarch64\n"), ("libc", "ldd (Ubuntu GLIBC 2.27-3ubuntu1.6) 2.27\n"),
                    ("atc", "/usr/local/Ascend/ascend-toolkit/latest/bin/atc\n"),
                    ("toolkit_home", "/usr/local/Ascend/ascend-toolkit/latest\n"),
                    ("toolkit_real", "/usr/local/Ascend/ascend-toolkit/7.0.0\n"),
                    ("version_file", "/usr/local/Ascend/ascend-toolkit/latest/aarch64-linux/ascend_toolkit_install.info"
                                     "\npackage_name=Ascend-cann-toolkit\nversion=7.0.0\n"),
                    ("socs", "Ascend310B1\nAscend310B4\n"), ("npu_smi_path", "/usr/local/sbin/npu-smi\n"),
                    ("npu_smi_status", "0\n"),
                    ("npu_smi", read(os.path.join(DATA, "runners", "npu_smi_03_310B1_devkit.txt")).decode()),
                    ("runners", "msame /usr/local/bin/msame\nais_bench /home/u/.local/bin/ais_bench\n"),
                    ("workdir", "/home/HwHiAiUser/.cache/atc-workbench\n"), ("workdir_exists", "no\n"),
                    ("df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                           "/dev/mmcblk0p2 30000000 10000000 20000000 34% /\n"), ("end", "")]
        put("sshprobe", "board_310b.txt", "".join(f"\n@@atcwb:{n}\n{c}" for n, c in sections))
        put("sshprobe", "cut_after_arch.txt", "".join(f"\n@@atcwb:{n}\n{c}" for n, c in sections[:5]))

        lines = []
        for kind in ["ed25519", "ecdsa", "rsa"]:
            key = os.path.join(tmp, kind)
            subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", "", "-f", key]
                           + (["-b", "2048"] if kind == "rsa" else []), check=True)
            lines.append("[127.0.0.1]:2222 " + " ".join(read(key + ".pub").decode().split()[:2]))
        put("hostkeys", "keyscan.txt", "# 127.0.0.1:2222 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\n"
            + "\n".join(lines) + "\n")
        known = os.path.join(tmp, "known_hosts")
        with open(known, "w") as f:
            f.write("\n".join(lines) + "\nboard,10.0.0.7 " + lines[0].split(" ", 1)[1] + "\n")
        subprocess.run(["ssh-keygen", "-q", "-H", "-f", known], check=True, capture_output=True)
        put("hostkeys", "known_hosts_hashed.txt", read(known))
        put("hostkeys", "changed.txt", lines[0] + "\n" + lines[1].replace("[127.0.0.1]:2222", "board") + "\n")


def main():
    # Writes (over) its own seeds only: entries merged in from fuzzing runs (`fuzz_<name> -merge=1`) stay.
    # Tool outputs, as the parsers' own tests read them.
    copy_from("atclog", os.path.join(DATA, "atc"), "", ".log")
    copy_from("msame", os.path.join(DATA, "runners"), "msame", ".log")
    copy_from("aisbench", os.path.join(DATA, "runners"), "ais_", ".log")
    copy_from("npusmi", os.path.join(DATA, "runners"), "npu_smi", ".txt")

    # om-runner: README's example run, and single lines the protocol allows or refuses.
    readme = read(os.path.join(ROOT, "README.md")).decode()
    run = [l for l in readme.splitlines() if l.startswith('{"event":"') and '"protocol":1' in readme]
    run = [l for l in run if any(f'"event":"{e}"' in l for e in
                                 ("start", "device", "model", "warmup", "iteration", "summary"))]
    put("omrunner", "readme_run.jsonl", "\n".join(run) + "\n")
    put("omrunner", "errors.jsonl", "\n".join([
        '{"event":"error","kind":"acl","message":"aclmdlExecute failed","call":"aclmdlExecute",'
        '"name":"ACL_ERROR_RT_FAILURE","code":500003,"acl_message":"EE9999: device busy"}',
        '{"event":"warning","call":"aclmdlUnload","message":"teardown failed"}',
        '{"event":"output","index":1,"path":"/o/output_1.bin"}',
        '{"event":"stopped","signal":"SIGTERM"}',
        '{"event":"summary","iterations":0,"warmup":0,"complete":false,"mean_ms":null}',
        '{"event":"temperature","celsius":51}',
        '{"event":"iteration","index":1,"ms":"6.0"}',
        'not json at all',
    ]) + "\r\n")

    # Shape specs (ATC --input_shape).
    for i, spec in enumerate(["input:1,3,224,224", "a:1,3,224,224;b:1,10", "x:-1,3,-1,-1", "ids:1~8,128",
                              "scalar:", "input:0:1,3", "input:-2", "in put:1, 3 ,224,224;"]):
        put("shapespec", f"spec{i}.txt", spec)

    # Recipes (core/atc/conversionrecipe.h).
    put("recipe", "conversion.om.recipe.json", """{
    "build": {
        "argv": ["/usr/local/Ascend/bin/atc", "--model=model.onnx", "--framework=5", "--output=model", "--soc_version=Ascend310P3"],
        "atc_workbench_version": "0.1.0",
        "batch": 4,
        "created": "2026-01-02T03:04:05Z",
        "duration_ms": 61234,
        "model_sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "toolkit_version": "8.0.RC3"
    },
    "extra_flags": [{"name": "--op_debug_level", "value": "1"}],
    "flags": {
        "disable_reuse_memory": 1,
        "enable_compress_weight": true,
        "input_shape": "input:4,3,224,224",
        "model": "model.onnx",
        "output": "sub/model",
        "soc_version": "Ascend310P3"
    },
    "mode": 0,
    "recipe": "atc-workbench",
    "version": 1,
    "work_dir": "work"
}
""")
    put("recipe", "plain.json", '{"recipe":"atc-workbench","version":1,"mode":3,"flags":{"model":"/m/x.onnx",'
        '"check_report":"/m/report.json","external_weight":0}}')

    # OM headers (tests/omrunner/omfile.h's layout: magic, headsize, version, legacy length at 76, name at 84,
    # model_num at 156, model_length at 184, is_unknow_model at 193, then the partition count).
    def om(payload=40, declared=None, legacy=False, model_num=1, unknown=False, magic=b"IMOD", head=256):
        b = bytearray(256 + payload)
        b[0:4] = magic
        struct.pack_into("<II", b, 4, head, 0x20000000)
        length = payload if declared is None else declared
        if legacy:
            struct.pack_into("<I", b, 76, length)
        else:
            struct.pack_into("<Q", b, 184, length)
        b[84:84 + 11] = b"fake_resnet"
        struct.pack_into("<I", b, 156, model_num)
        b[193] = 1 if unknown else 0
        if payload >= 4:
            struct.pack_into("<I", b, 256, 3)
        for i in range(260, len(b)):
            b[i] = i * 7 % 251
        return bytes(b)
    put("omheader", "valid.om", om())
    put("omheader", "legacy_length.om", om(legacy=True))
    put("omheader", "dynamic.om", om(model_num=2, unknown=True))
    put("omheader", "truncated.om", om(declared=400))
    put("omheader", "trailing.om", om(declared=10))
    put("omheader", "header_only.om", om(payload=0))
    put("omheader", "bad_headsize.om", om(head=128))

    # ONNX models: small node tests (subgraphs, several inputs, initializers) and one with a weight over the loader's
    # 4 KB stripping threshold, plus one with external data.
    models = {}
    for case in ["test_if", "test_loop11", "test_scan9_sum", "test_conv_with_strides_padding", "test_gather_0",
                 "test_reshape_reordered_all_dims", "test_constant", "test_add_bcast"]:
        path = os.path.join(ONNX_TESTDATA, case, "model.onnx")
        if os.path.exists(path):
            models[case + ".onnx"] = read(path)
    w = tensor("w", FLOAT, [64, 3, 3, 3], raw=floats(range(64 * 3 * 3 * 3)))
    models["big_weight.onnx"] = model([node("Conv", ["x", "w"], ["y"], "conv")], "big_weight",
                                      [value_info("x", FLOAT, ["N", 3, 8, 8])], [value_info("y", FLOAT, [])], [w])
    ext = tensor("w", FLOAT, [4], external=[("location", "weights.bin"), ("offset", "0"), ("length", "16")])
    models["external_data.onnx"] = model([node("Add", ["x", "w"], ["y"])], "external",
                                         [value_info("x", FLOAT, [4])], [value_info("y", FLOAT, [4])], [ext])
    for name, content in models.items():
        put("onnx_model", name, content)
        put("onnx_wirestrip", name, bytes([16]) + content)  # first byte: strip tensors of 16 bytes and more

    # Tensor files: first byte 0 = a .pb (libonnx-testdata), odd = a .bin read against a zero reference
    # (second byte the element type, then one byte per dim; rank = (first byte >> 1) % 4).
    for case, name in [("test_if", "output_0.pb"), ("test_gather_0", "input_1.pb"), ("test_add_bcast", "input_0.pb"),
                       ("test_cast_FLOAT_to_FLOAT16", "output_0.pb"), ("test_string_concat", "input_0.pb")]:
        path = os.path.join(ONNX_TESTDATA, case, "test_data_set_0", name)
        if os.path.exists(path):
            put("tensorfile", f"{case}_{name}", bytes([0]) + read(path))
    put("tensorfile", "float32_2x3.bin", bytes([1 + (2 << 1), FLOAT, 2, 3]) + floats(range(6)))
    put("tensorfile", "float16_for_float32_4.bin", bytes([1 + (1 << 1), FLOAT, 4]) + floats([1.0] * 4, "<e"))
    put("tensorfile", "int32_for_int64_3.bin", bytes([1 + (1 << 1), INT64, 3]) + floats(range(3), "<i"))
    put("tensorfile", "scalar_double.bin", bytes([1, DOUBLE]) + floats([2.5], "<d"))

    remote_seeds()

    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    print(f"corpus: {sum(len(fs) for _, _, fs in os.walk(OUT))} files, {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
