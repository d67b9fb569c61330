module github.com/pixelmint/thumbnailer

go 1.22

require (
	cloud.google.com/go/storage v1.43.0
	github.com/disintegration/imaging v1.6.2
	github.com/go-chi/chi/v5 v5.0.12
	go.uber.org/zap v1.27.0
	google.golang.org/api v0.187.0
)
