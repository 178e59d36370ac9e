import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class OrderLineRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'MUG-001' })
  @IsString()
  @Length(1, 64)
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}

export class PlaceOrderDto {
  @ApiProperty({
    type: [OrderLineRequestDto],
    minItems: 1,
    maxItems: 100,
    description: 'Each SKU at most once. Prices are the catalogue prices at the time of ordering.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique((line: OrderLineRequestDto | undefined) => line?.sku, {
    message: 'each SKU may appear once in lines; add up its quantities',
  })
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  lines!: OrderLineRequestDto[];

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'tok_visa',
    description: 'The payment method, tokenised by the payment provider.',
  })
  @IsString()
  @Length(1, 200)
  paymentToken!: string;
}

export class OrderQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2025-06-01T12:00:00Z',
    description: 'Show the order as it was at this time (its history up to then).',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Ordered the wrong size' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
