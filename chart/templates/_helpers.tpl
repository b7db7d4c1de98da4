{{/* Chart name, overridable with global.nameOverride. */}}
{{- define "orkestra.name" -}}
{{- default .Chart.Name .Values.global.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: the release name when it already contains the chart name ("orkestra" for the seed's install). */}}
{{- define "orkestra.fullname" -}}
{{- if .Values.global.fullnameOverride -}}
{{- .Values.global.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "orkestra.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Component resource name: orkestra-runtime, orkestra-gateway, orkestra-cc. Call with (dict "root" $ "component" "runtime"). */}}
{{- define "orkestra.componentName" -}}
{{- $short := dict "runtime" "runtime" "gateway" "gateway" "controlCenter" "cc" -}}
{{- printf "%s-%s" (include "orkestra.fullname" .root) (get $short .component) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* app.kubernetes.io/component value. */}}
{{- define "orkestra.componentLabel" -}}
{{- get (dict "runtime" "runtime" "gateway" "gateway" "controlCenter" "control-center") .component -}}
{{- end -}}

{{/* Standard labels of every object. */}}
{{- define "orkestra.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "orkestra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: orkestra
{{- end -}}

{{/* Selector labels of one component; stable across upgrades. */}}
{{- define "orkestra.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orkestra.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ include "orkestra.componentLabel" . }}
{{- end -}}

{{/* Standard plus selector labels of one component. */}}
{{- define "orkestra.componentLabels" -}}
{{ include "orkestra.labels" .root }}
app.kubernetes.io/component: {{ include "orkestra.componentLabel" . }}
{{- end -}}

{{/* Image reference; the tag defaults to the chart's appVersion. */}}
{{- define "orkestra.image" -}}
{{- $image := (get .root.Values .component).image -}}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* The bundle's Katalog ConfigMap (DESIGN §5), found by name. */}}
{{- define "orkestra.bundleConfigMap" -}}orkestra-katalog{{- end -}}

{{/* The ConfigMap the chart creates from runtime.katalog.inline. */}}
{{- define "orkestra.inlineConfigMap" -}}{{ include "orkestra.fullname" . }}-inline-katalog{{- end -}}

{{/*
The ConfigMap a component reads its Katalog from: <component>.katalog.existingConfigMap, else the
bundle's `orkestra-katalog` when lookup finds it in the release namespace, else the inline one.
lookup returns nothing under `helm template` and most GitOps tools: set existingConfigMap there.
*/}}
{{- define "orkestra.katalogConfigMap" -}}
{{- $k := (get .root.Values .component).katalog -}}
{{- if $k.existingConfigMap -}}
{{- $k.existingConfigMap -}}
{{- else if (lookup "v1" "ConfigMap" .root.Release.Namespace (include "orkestra.bundleConfigMap" .)) -}}
{{- include "orkestra.bundleConfigMap" . -}}
{{- else -}}
{{- include "orkestra.inlineConfigMap" .root -}}
{{- end -}}
{{- end -}}

{{/* True ("true") when some enabled component falls back to the inline Katalog. */}}
{{- define "orkestra.needsInlineKatalog" -}}
{{- $root := . -}}
{{- range $c := list "runtime" "gateway" -}}
{{- if (get $root.Values $c).enabled -}}
{{- if eq (include "orkestra.katalogConfigMap" (dict "root" $root "component" $c)) (include "orkestra.inlineConfigMap" $root) -}}true{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The text of the Katalog a component reads: the inline one, or its ConfigMap's key as lookup finds it ("" when it finds nothing). */}}
{{- define "orkestra.katalogText" -}}
{{- $name := include "orkestra.katalogConfigMap" . -}}
{{- if eq $name (include "orkestra.inlineConfigMap" .root) -}}
{{- .root.Values.runtime.katalog.inline -}}
{{- else -}}
{{- $cm := lookup "v1" "ConfigMap" .root.Release.Namespace $name -}}
{{- (get (default dict ($cm).data) (include "orkestra.katalogKey" .)) | default "" -}}
{{- end -}}
{{- end -}}

{{/* sha256 of the Katalog a component reads, so a Katalog change rolls its pods. */}}
{{- define "orkestra.katalogChecksum" -}}
{{- include "orkestra.katalogText" . | sha256sum -}}
{{- end -}}

{{/* Pod-level fields shared by every component: account, pull secrets, scheduling, security. */}}
{{- define "orkestra.podCommon" -}}
{{- $v := get .root.Values .component -}}
serviceAccountName: {{ $v.serviceAccount }}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod template metadata of a component; pass "checksum" to add checksum/katalog. */}}
{{- define "orkestra.podMetadata" -}}
{{- $v := get .root.Values .component -}}
{{- $annotations := deepCopy (default dict $v.podAnnotations) -}}
{{- with .checksum }}{{ $_ := set $annotations "checksum/katalog" . }}{{ end -}}
labels:
  {{- include "orkestra.selectorLabels" . | nindent 2 }}
  {{- with $v.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with $annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The key a component reads: the inline ConfigMap always uses runtime.katalog.configMapKey. */}}
{{- define "orkestra.katalogKey" -}}
{{- if eq (include "orkestra.katalogConfigMap" .) (include "orkestra.inlineConfigMap" .root) -}}
{{- .root.Values.runtime.katalog.configMapKey -}}
{{- else -}}
{{- (get .root.Values .component).katalog.configMapKey -}}
{{- end -}}
{{- end -}}
