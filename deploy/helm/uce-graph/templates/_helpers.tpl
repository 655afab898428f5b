{{/* The chart's name. */}}
{{- define "uce-graph.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object's name: the release, plus the chart's name unless the release already holds it. */}}
{{- define "uce-graph.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* One service's objects: <fullname>-gateway, <fullname>-customers ... ("component" is gateway or a subgraph's name). */}}
{{- define "uce-graph.componentName" -}}
{{- printf "%s-%s" (include "uce-graph.fullname" .root) .component -}}
{{- end -}}

{{- define "uce-graph.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "uce-graph.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: uce-graph
{{- end -}}

{{/* Selects one service's pods; the NetworkPolicies select the gateway by these too. */}}
{{- define "uce-graph.selectorLabels" -}}
app.kubernetes.io/name: {{ include "uce-graph.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "uce-graph.componentLabels" -}}
{{ include "uce-graph.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* <registry>/uce-<component>:<tag>, the names docker-compose.yml gives the images. */}}
{{- define "uce-graph.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/uce-%s:%s" (trimSuffix "/" .root.Values.image.registry) .component $tag -}}
{{- else -}}
{{- printf "uce-%s:%s" .component $tag -}}
{{- end -}}
{{- end -}}

{{/* The Secret with connection strings and signing keys: the chart's own or secrets.existingSecret. */}}
{{- define "uce-graph.secretName" -}}
{{- default (printf "%s-secrets" (include "uce-graph.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "uce-graph.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "uce-graph.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "uce-graph.supergraphConfigMapName" -}}
{{- default (printf "%s-supergraph" (include "uce-graph.fullname" .)) .Values.supergraph.existingConfigMap -}}
{{- end -}}

{{- define "uce-graph.jwksSecretName" -}}
{{- default (printf "%s-jwks" (include "uce-graph.fullname" .)) .Values.gateway.authentication.existingJwksSecret -}}
{{- end -}}

{{/* A subgraph's settings: subgraphDefaults with subgraphs.<name> over them. */}}
{{- define "uce-graph.subgraphSettings" -}}
{{- $settings := mergeOverwrite (deepCopy .root.Values.subgraphDefaults) (deepCopy .settings) -}}
{{- toYaml $settings -}}
{{- end -}}

{{/* "customers" -> "Customers": the subgraph's key under ConnectionStrings, as DatabaseTarget.ConnectionStringName makes it. */}}
{{- define "uce-graph.connectionStringName" -}}
{{- printf "%s%s" (substr 0 1 . | upper) (substr 1 (len .) .) -}}
{{- end -}}

{{/* An environment variable read from the chart's Secret. */}}
{{- define "uce-graph.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "uce-graph.secretName" .root }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Seconds as a TimeSpan in .NET's constant format (hh:mm:ss). */}}
{{- define "uce-graph.timespan" -}}
{{- $s := int . -}}
{{- printf "%02d:%02d:%02d" (div $s 3600) (mod (div $s 60) 60) (mod $s 60) -}}
{{- end -}}
