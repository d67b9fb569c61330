<?php

namespace App\Media;

use Intervention\Image\ImageManager;
use Illuminate\Support\Facades\Storage;

class ThumbnailGenerator
{
    public const SIZES = [320, 640, 1280];
    public const FORMAT = 'webp';

    public function __construct(private ImageManager $images)
    {
    }

    public function generate(string $path): array
    {
        $out = [];
        foreach (self::SIZES as $width) {
            $image = $this->images->read(Storage::disk('media')->get($path));
            $image->scaleDown(width: $width);
            $target = sprintf('thumbs/%d/%s.%s', $width, pathinfo($path, PATHINFO_FILENAME), self::FORMAT);
            Storage::disk('media')->put($target, (string) $image->toWebp(80));
            $out[$width] = $target;
        }
        return $out;
    }
}
