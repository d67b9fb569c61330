package render

import (
	"image"

	"github.com/disintegration/imaging"
)

const watermarkOpacity = 0.22

func ApplyWatermark(img image.Image, mark image.Image) image.Image {
	b := img.Bounds()
	pos := image.Pt(b.Dx()-mark.Bounds().Dx()-24, b.Dy()-mark.Bounds().Dy()-24)
	return imaging.Overlay(img, mark, pos, watermarkOpacity)
}
