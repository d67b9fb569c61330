{{- define "catalog-bff.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "catalog-bff.labels" -}}
app.kubernetes.io/name: catalog-bff
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: storefront
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "catalog-bff.selectorLabels" -}}
app.kubernetes.io/name: catalog-bff
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
