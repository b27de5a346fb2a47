#!/bin/bash
# Boots an app-tier instance: installs the inference service (src/Inference, published as a
# tarball in the model bucket), fetches its models from the same bucket and runs it on port 8080,
# the port the app security group opens to the load balancer. The same script serves dev and prod:
# the stack, and so its model bucket ({stack}-models), is read from the Auto Scaling group's name.
set -euo pipefail

TOKEN=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)
imds() { curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }
REGION=$(imds placement/region)
GROUP=$(aws ec2 describe-tags --region "$REGION" --output text --query 'Tags[0].Value' \
  --filters "Name=resource-id,Values=$(imds instance-id)" "Name=key,Values=aws:autoscaling:groupName")
BUCKET="${GROUP%-app}-models"

dnf install -y aspnetcore-runtime-10.0
useradd --system --no-create-home inference || true
mkdir -p /opt/inference
aws s3 cp --region "$REGION" "s3://$BUCKET/releases/inference/current.tar.gz" - | tar -xz -C /opt/inference
aws s3 sync --region "$REGION" --only-show-errors "s3://$BUCKET/models/" /opt/inference/models/
chown -R inference /opt/inference

cat > /etc/systemd/system/inference.service <<'UNIT'
[Unit]
Description=Inference service (Open Inference Protocol)
After=network-online.target

[Service]
User=inference
WorkingDirectory=/opt/inference
Environment=Urls=http://0.0.0.0:8080
ExecStart=/usr/bin/dotnet /opt/inference/Reconciler.Inference.dll
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now inference
