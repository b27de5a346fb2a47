#!/bin/sh
# Builds the Lambda deployment package (provided.al2023, x86_64 or arm64) as a zip:
#   deploy/inference/lambda/package.sh [x64|arm64] [output.zip]
# Self-contained, so the function needs no .NET layer; models load from S3 (set Inference__Models__0__S3__*).
# The ResNet-18 weights are left out (Lambda's 250 MB unzipped limit) unless INCLUDE_RESNET18=true.
# The function's environment needs at least one key hash (Auth__Keys__0__Name and Auth__Keys__0__Sha256) or a
# Secrets Manager secret listing key hashes (Auth__SecretId; see src/Inference/README.md, "Keys and limits").
set -eu
arch="${1:-x64}"
out="${2:-artifacts/inference-lambda-$arch.zip}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dotnet publish "$root/src/Inference/Inference.csproj" -c Release -r "linux-$arch" --self-contained true \
  -p:IncludeResNet18="${INCLUDE_RESNET18:-false}" -o "$stage"
cp "$root/deploy/inference/lambda/bootstrap" "$stage/bootstrap"
chmod +x "$stage/bootstrap" "$stage/Reconciler.Inference"
mkdir -p "$(dirname "$out")"
(cd "$stage" && zip -qr -9 "$OLDPWD/$out" .)
echo "$out"
