//! Sets up the Node-API link flags and generates the `kefu.v1` protobuf types with
//! protox (a pure-Rust protobuf compiler, so no system `protoc`) and prost-build.

use std::{error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    napi_build::setup();

    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../proto");
    let dir = root.join("kefu/v1");
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files = Vec::new();
    for entry in fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "proto") {
            files.push(path);
        }
    }
    files.sort();

    // The `cuda` feature's kernels compiled for the CPU, for the tests that check the GPU
    // forward pass's math without a GPU (src/cuda.rs, `host`). A C++ compiler is needed only
    // with that feature.
    if std::env::var_os("CARGO_FEATURE_CUDA").is_some() {
        println!("cargo:rerun-if-changed=src/kernels.cu");
        println!("cargo:rerun-if-changed=src/kernels_host.cpp");
        cc::Build::new()
            .cpp(true)
            .std("c++17")
            .opt_level(2)
            .file("src/kernels_host.cpp")
            .compile("kefu_kernels_host");
    }

    let fds = protox::compile(&files, [&root])?;
    prost_build::Config::new().compile_fds(fds)?;
    Ok(())
}
