#!/bin/sh
# Builds the Lambda deployment package (provided.al2023, x86_64 or arm64) as a zip:
#   deploy/inference/lambda/package.sh [x64|arm64] [output.zip]
# Self-contained, so the function needs no .NET layer; models load from S3 (set Inference__Models__0__S3__*).
set -eu
arch="${1:-x64}"
out="${2:-artifacts/inference-lambda-$arch.zip}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dotnet publish "$root/src/Inference/Inference.csproj" -c Release -r "linux-$arch" --self-contained true \
  -p:PublishReadyToRun=false -o "$stage"
cp "$root/deploy/inference/lambda/bootstrap" "$stage/bootstrap"
chmod +x "$stage/bootstrap" "$stage/Reconciler.Inference"
mkdir -p "$(dirname "$out")"
(cd "$stage" && zip -qr -9 "$OLDPWD/$out" .)
echo "$out"
