import { Rpc } from '@eventmart/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { ServicesClient } from '../rpc/services.client.js';
import { ProductViewDto } from './product-view.dto.js';

@ApiTags('catalogue')
@Controller('products')
export class ProductsController {
  constructor(private readonly services: ServicesClient) {}

  @Get()
  @ApiOperation({ summary: 'The catalogue, with prices and available stock (public)' })
  @ApiOkResponse({ type: [ProductViewDto] })
  @ApiErrors()
  list() {
    return this.services.call(Rpc.listProducts, {});
  }
}
